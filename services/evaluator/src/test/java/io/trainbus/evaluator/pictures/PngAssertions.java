package io.trainbus.evaluator.pictures;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import javax.imageio.ImageIO;

/** Decodes PNG bytes and checks their size and that they show something. */
public final class PngAssertions {

    private PngAssertions() {
    }

    /**
     * Decodes a picture and checks it.
     *
     * @param what the picture, for messages
     * @param png the bytes
     * @param width expected width in pixels
     * @param height expected height in pixels
     * @return the decoded image
     */
    public static BufferedImage assertPicture(String what, byte[] png, int width, int height) throws IOException {
        assertThat(png).as("bytes of %s", what).isNotEmpty();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("%s decoded as PNG", what).isNotNull();
        assertThat(image.getWidth()).as("width of %s", what).isEqualTo(width);
        assertThat(image.getHeight()).as("height of %s", what).isEqualTo(height);
        assertNotBlank(what, image);
        return image;
    }

    /**
     * Checks that a picture is not one flat colour: at least 2% of its pixels differ from the top-left pixel (the
     * background) and it uses at least 8 colours.
     */
    public static void assertNotBlank(String what, BufferedImage image) {
        int background = image.getRGB(0, 0);
        long differing = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                colours.add(rgb);
                if (rgb != background) {
                    differing++;
                }
            }
        }
        long pixels = (long) image.getWidth() * image.getHeight();
        assertThat((double) differing / pixels).as("share of non-background pixels in %s", what)
                .isGreaterThan(0.02);
        assertThat(colours.size()).as("colours in %s", what).isGreaterThanOrEqualTo(8);
    }
}
