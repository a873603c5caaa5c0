package io.trainbus.evaluator.pictures;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

import io.trainbus.common.cifar.CifarRecord;

/**
 * A grid of CIFAR images, {@link #COLUMNS} per row, each enlarged {@link #SCALE} times with its class name below.
 * Java2D draws it: a charting library has no use here, since the picture is images and text, not a chart.
 */
public final class TrainingImageGrid {

    public static final int COLUMNS = 12;
    public static final int SCALE = 3;
    private static final int SIDE = 32;
    private static final int PADDING = 6;
    private static final int LABEL_HEIGHT = 18;
    private static final int CELL_WIDTH = SIDE * SCALE + 2 * PADDING;
    private static final int CELL_HEIGHT = SIDE * SCALE + PADDING + LABEL_HEIGHT;
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private TrainingImageGrid() {
    }

    /**
     * Returns the pixel width of a grid.
     *
     * @param images number of images
     * @return width in pixels
     */
    public static int width(int images) {
        return Math.min(images, COLUMNS) * CELL_WIDTH;
    }

    /**
     * Returns the pixel height of a grid.
     *
     * @param images number of images
     * @return height in pixels
     */
    public static int height(int images) {
        return (images + COLUMNS - 1) / COLUMNS * CELL_HEIGHT + PADDING;
    }

    /**
     * Draws the grid.
     *
     * @param images at least one image
     * @param classNames class names in label order
     * @return PNG bytes of {@link #width} x {@link #height} pixels
     * @throws IllegalArgumentException when there is no image
     */
    public static byte[] render(List<CifarRecord> images, List<String> classNames) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("No training images to draw: the grid needs at least one");
        }
        BufferedImage grid = new BufferedImage(width(images.size()), height(images.size()),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = grid.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            // Nearest neighbour keeps the 32x32 pixels sharp when enlarged.
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                    RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            graphics.setFont(LABEL_FONT);
            for (int i = 0; i < images.size(); i++) {
                int x = i % COLUMNS * CELL_WIDTH + PADDING;
                int y = i / COLUMNS * CELL_HEIGHT + PADDING;
                CifarRecord image = images.get(i);
                graphics.drawImage(toImage(image), x, y, SIDE * SCALE, SIDE * SCALE, null);
                drawLabel(graphics, className(image.label(), classNames), x, y + SIDE * SCALE);
            }
        } finally {
            graphics.dispose();
        }
        return Png.of(grid);
    }

    private static BufferedImage toImage(CifarRecord record) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < SIDE; row++) {
            for (int column = 0; column < SIDE; column++) {
                int rgb = record.pixel(CifarRecord.RED, row, column) << 16
                        | record.pixel(CifarRecord.GREEN, row, column) << 8
                        | record.pixel(CifarRecord.BLUE, row, column);
                image.setRGB(column, row, rgb);
            }
        }
        return image;
    }

    private static void drawLabel(Graphics2D graphics, String label, int x, int top) {
        FontMetrics metrics = graphics.getFontMetrics();
        int textX = x + (SIDE * SCALE - metrics.stringWidth(label)) / 2;
        graphics.setColor(Color.BLACK);
        graphics.drawString(label, textX, top + metrics.getAscent() + 2);
    }

    private static String className(int label, List<String> classNames) {
        return label < classNames.size() ? classNames.get(label) : "class " + label;
    }
}
