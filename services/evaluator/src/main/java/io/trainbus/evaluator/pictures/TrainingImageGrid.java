package io.trainbus.evaluator.pictures;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

import io.trainbus.common.dataset.ImageRecord;
import io.trainbus.common.dataset.ImageShape;

/**
 * A grid of training images, {@link #COLUMNS} per row, each enlarged a whole number of times (three for 28 and 32
 * pixels) with its class name below. One-channel images are drawn in grey, three-channel ones as red, green and
 * blue planes. The grid is drawn with Java2D rather than a charting library, because it contains images and text,
 * not a chart.
 */
public final class TrainingImageGrid {

    public static final int COLUMNS = 12;
    /** Maximum side of an enlarged image in pixels, for images of up to this size. */
    private static final int DISPLAY_SIDE = 96;
    private static final int PADDING = 6;
    private static final int LABEL_HEIGHT = 18;
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private TrainingImageGrid() {
    }

    /**
     * Returns the pixel width of a grid.
     *
     * @param shape the size of each image
     * @param images number of images
     * @return width in pixels
     */
    public static int width(ImageShape shape, int images) {
        return Math.min(images, COLUMNS) * cellWidth(shape);
    }

    /**
     * Returns the pixel height of a grid.
     *
     * @param shape the size of each image
     * @param images number of images
     * @return height in pixels
     */
    public static int height(ImageShape shape, int images) {
        return (images + COLUMNS - 1) / COLUMNS * cellHeight(shape) + PADDING;
    }

    /**
     * Returns how many times each image is enlarged: the largest whole number that keeps the longer side within
     * {@value #DISPLAY_SIDE} pixels, at least 1.
     *
     * @param shape the size of each image
     * @return the scale factor
     */
    public static int scale(ImageShape shape) {
        return Math.max(1, DISPLAY_SIDE / Math.max(shape.height(), shape.width()));
    }

    /**
     * Draws the grid.
     *
     * @param shape the size of every image, with 1 channel (grey) or 3 (red, green, blue)
     * @param images at least one image of that shape
     * @param classNames class names in label order
     * @return PNG bytes of {@link #width} x {@link #height} pixels
     * @throws IllegalArgumentException when there is no image, the channel count is neither 1 nor 3, or an image's
     *         pixel count does not match the shape
     */
    public static byte[] render(ImageShape shape, List<ImageRecord> images, List<String> classNames) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("No training images to draw: the grid needs at least one");
        }
        if (shape.channels() != 1 && shape.channels() != 3) {
            throw new IllegalArgumentException("Cannot draw images of shape " + shape + ": the grid draws 1 channel"
                    + " (grey) or 3 (red, green, blue)");
        }
        int scale = scale(shape);
        BufferedImage grid = new BufferedImage(width(shape, images.size()), height(shape, images.size()),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = grid.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            // Nearest neighbour keeps the small images' pixels sharp when enlarged.
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                    RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            graphics.setFont(LABEL_FONT);
            for (int i = 0; i < images.size(); i++) {
                int x = i % COLUMNS * cellWidth(shape) + PADDING;
                int y = i / COLUMNS * cellHeight(shape) + PADDING;
                ImageRecord image = images.get(i);
                graphics.drawImage(toImage(shape, image, i), x, y, shape.width() * scale, shape.height() * scale,
                        null);
                drawLabel(graphics, className(image.label(), classNames), x, y + shape.height() * scale,
                        shape.width() * scale);
            }
        } finally {
            graphics.dispose();
        }
        return Png.of(grid);
    }

    private static int cellWidth(ImageShape shape) {
        return shape.width() * scale(shape) + 2 * PADDING;
    }

    private static int cellHeight(ImageShape shape) {
        return shape.height() * scale(shape) + PADDING + LABEL_HEIGHT;
    }

    private static BufferedImage toImage(ImageShape shape, ImageRecord record, int index) {
        if (record.pixels().length != shape.pixelsPerImage()) {
            throw new IllegalArgumentException("Image " + index + " has " + record.pixels().length + " pixel values"
                    + " but shape " + shape + " needs " + shape.pixelsPerImage() + ": the records and the manifest"
                    + " disagree, ingest the dataset again");
        }
        BufferedImage image = new BufferedImage(shape.width(), shape.height(), BufferedImage.TYPE_INT_RGB);
        boolean grey = shape.channels() == 1;
        for (int row = 0; row < shape.height(); row++) {
            for (int column = 0; column < shape.width(); column++) {
                int red = record.pixel(shape, 0, row, column);
                int green = grey ? red : record.pixel(shape, 1, row, column);
                int blue = grey ? red : record.pixel(shape, 2, row, column);
                image.setRGB(column, row, red << 16 | green << 8 | blue);
            }
        }
        return image;
    }

    private static void drawLabel(Graphics2D graphics, String label, int x, int top, int imageWidth) {
        FontMetrics metrics = graphics.getFontMetrics();
        int textX = x + (imageWidth - metrics.stringWidth(label)) / 2;
        graphics.setColor(Color.BLACK);
        graphics.drawString(label, textX, top + metrics.getAscent() + 2);
    }

    private static String className(int label, List<String> classNames) {
        return label < classNames.size() ? classNames.get(label) : "class " + label;
    }
}
