package io.trainbus.evaluator.pictures;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/** Encodes charts and images as PNG bytes. */
public final class Png {

    /** Content type stored with every picture. */
    public static final String CONTENT_TYPE = "image/png";

    private Png() {
    }

    /**
     * Renders a chart.
     *
     * @param chart the chart
     * @param width width in pixels
     * @param height height in pixels
     * @return PNG bytes
     */
    public static byte[] of(JFreeChart chart, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            // A ByteArrayOutputStream never throws, so only a broken image encoder can get here.
            throw new UncheckedIOException("Encoding the chart '" + chart.getTitle().getText() + "' as PNG failed",
                    e);
        }
        return out.toByteArray();
    }

    /**
     * Encodes an image.
     *
     * @param image the image
     * @return PNG bytes
     */
    public static byte[] of(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("This JVM has no PNG writer in javax.imageio");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Encoding an image as PNG failed", e);
        }
        return out.toByteArray();
    }
}
