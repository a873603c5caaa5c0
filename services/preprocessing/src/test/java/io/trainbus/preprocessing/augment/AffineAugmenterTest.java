package io.trainbus.preprocessing.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Hand-made 5x5 images with one or three channels; index = channel * 25 + row * 5 + column. */
class AffineAugmenterTest {

    private static final int SIDE = 5;
    private final AffineAugmenter gray = new AffineAugmenter(SIDE, SIDE, 1);

    @Test
    void zeroRotationAndShiftIsIdentity() {
        AffineAugmenter rgb = new AffineAugmenter(32, 32, 3);
        float[] image = new float[rgb.imageSize()];
        Random random = new Random(7);
        for (int i = 0; i < image.length; i++) {
            image[i] = random.nextFloat() * 4 - 2;
        }
        float[] out = new float[image.length];

        rgb.apply(image, 0, out, 0, ImageTransform.IDENTITY);

        assertThat(out).containsExactly(image);
    }

    @Test
    void grayImageTransformsLikeEachColourPlane() {
        // A 28x28 grayscale image must move exactly as each plane of a colour image under the same transform.
        AffineAugmenter gray28 = new AffineAugmenter(28, 28, 1);
        AffineAugmenter rgb28 = new AffineAugmenter(28, 28, 3);
        Random random = new Random(11);
        float[] plane = new float[gray28.imageSize()];
        for (int i = 0; i < plane.length; i++) {
            plane[i] = random.nextFloat();
        }
        float[] colour = new float[rgb28.imageSize()];
        for (int channel = 0; channel < 3; channel++) {
            System.arraycopy(plane, 0, colour, channel * plane.length, plane.length);
        }
        ImageTransform transform = new ImageTransform(-11.5, 2.7, -3.2, true);
        float[] grayOut = new float[plane.length];
        float[] colourOut = new float[colour.length];

        gray28.apply(plane, 0, grayOut, 0, transform);
        rgb28.apply(colour, 0, colourOut, 0, transform);

        assertThat(grayOut).isNotEqualTo(plane);
        for (int channel = 0; channel < 3; channel++) {
            float[] colourPlane = new float[plane.length];
            System.arraycopy(colourOut, channel * plane.length, colourPlane, 0, plane.length);
            assertThat(colourPlane).as("channel %d", channel).containsExactly(grayOut);
        }
    }

    @Test
    void positiveRowShiftMovesPixelUp() {
        float[] out = transform(brightPixel(2, 2), new ImageTransform(0, 1, 0, false));

        assertThat(at(out, 1, 2)).isEqualTo(1f);
        assertThat(sum(out)).isEqualTo(1f);
    }

    @Test
    void positiveColumnShiftMovesPixelLeft() {
        float[] out = transform(brightPixel(2, 2), new ImageTransform(0, 0, 2, false));

        assertThat(at(out, 2, 0)).isEqualTo(1f);
        assertThat(sum(out)).isEqualTo(1f);
    }

    @Test
    void negativeShiftsMovePixelDownAndRight() {
        float[] out = transform(brightPixel(1, 1), new ImageTransform(0, -2, -1, false));

        assertThat(at(out, 3, 2)).isEqualTo(1f);
        assertThat(sum(out)).isEqualTo(1f);
    }

    @Test
    void subPixelShiftSplitsBilinearly() {
        float[] out = transform(brightPixel(2, 2), new ImageTransform(0, 0, 0.25, false));

        assertThat(at(out, 2, 2)).isEqualTo(0.75f);
        assertThat(at(out, 2, 1)).isEqualTo(0.25f);
        assertThat(sum(out)).isEqualTo(1f);
    }

    @Test
    void vacatedRowsRepeatEdge() {
        float[] image = new float[SIDE * SIDE];
        for (int row = 0; row < SIDE; row++) {
            for (int column = 0; column < SIDE; column++) {
                image[row * SIDE + column] = 10 + row;
            }
        }

        float[] up = transform(image, new ImageTransform(0, 2, 0, false));
        float[] down = transform(image, new ImageTransform(0, -1.5, 0, false));

        for (int column = 0; column < SIDE; column++) {
            assertThat(at(up, 0, column)).as("row 0 after moving up").isEqualTo(12f);
            assertThat(at(up, 2, column)).as("row 2 after moving up").isEqualTo(14f);
            assertThat(at(up, 3, column)).as("vacated row 3 repeats the last row").isEqualTo(14f);
            assertThat(at(up, 4, column)).as("vacated row 4 repeats the last row").isEqualTo(14f);
            assertThat(at(down, 0, column)).as("vacated row 0 repeats the first row").isEqualTo(10f);
            assertThat(at(down, 1, column)).as("row 1 is clamped on both neighbours").isEqualTo(10f);
            assertThat(at(down, 2, column)).as("row 2 samples row 0.5").isEqualTo(10.5f);
            assertThat(at(down, 4, column)).as("row 4 samples row 2.5").isEqualTo(12.5f);
        }
    }

    @Test
    void vacatedColumnsRepeatEdge() {
        float[] image = new float[SIDE * SIDE];
        for (int row = 0; row < SIDE; row++) {
            for (int column = 0; column < SIDE; column++) {
                image[row * SIDE + column] = 1 + column;
            }
        }

        float[] out = transform(image, new ImageTransform(0, 0, -3, false));

        assertThat(at(out, 0, 0)).isEqualTo(1f);
        assertThat(at(out, 4, 2)).isEqualTo(1f);
        assertThat(at(out, 4, 3)).isEqualTo(1f);
        assertThat(at(out, 4, 4)).isEqualTo(2f);
    }

    @Test
    void flipMirrorsColumns() {
        AffineAugmenter rgb = new AffineAugmenter(SIDE, SIDE, 3);
        float[] image = new float[rgb.imageSize()];
        for (int i = 0; i < image.length; i++) {
            image[i] = i;
        }
        float[] out = new float[image.length];

        rgb.apply(image, 0, out, 0, new ImageTransform(0, 0, 0, true));

        for (int channel = 0; channel < 3; channel++) {
            for (int row = 0; row < SIDE; row++) {
                for (int column = 0; column < SIDE; column++) {
                    int base = channel * SIDE * SIDE + row * SIDE;
                    assertThat(out[base + column]).as("channel %d row %d column %d", channel, row, column)
                            .isEqualTo(image[base + SIDE - 1 - column]);
                }
            }
        }
    }

    @Test
    void flipFollowsShift() {
        // Keras flips the shifted image: content moved left by one, then mirrored, ends up right of the centre.
        float[] out = transform(brightPixel(2, 2), new ImageTransform(0, 0, 1, true));

        assertThat(at(out, 2, 3)).isEqualTo(1f);
        assertThat(sum(out)).isEqualTo(1f);
    }

    @Test
    void quarterTurnFollowsKerasMatrix() {
        // Output (r, c) samples input C + R (o - C): at 90 degrees, output (0, 2) samples input (2, 0).
        float[] out = transform(brightPixel(2, 0), new ImageTransform(90, 0, 0, false));

        assertThat(at(out, 0, 2)).isCloseTo(1f, within(1e-6f));
        assertThat(sum(out)).isCloseTo(1f, within(1e-5f));
    }

    @Test
    void imagesAtOffsetsStayApart() {
        float[] images = new float[2 * SIDE * SIDE];
        images[SIDE * SIDE + 2 * SIDE + 2] = 1f;
        float[] out = new float[3 * SIDE * SIDE];

        gray.apply(images, SIDE * SIDE, out, 2 * SIDE * SIDE, new ImageTransform(0, 1, 0, false));

        assertThat(out[2 * SIDE * SIDE + SIDE + 2]).isEqualTo(1f);
        assertThat(sum(out)).isEqualTo(1f);
    }

    private float[] transform(float[] image, ImageTransform transform) {
        float[] out = new float[image.length];
        gray.apply(image, 0, out, 0, transform);
        return out;
    }

    private static float[] brightPixel(int row, int column) {
        float[] image = new float[SIDE * SIDE];
        image[row * SIDE + column] = 1f;
        return image;
    }

    private static float at(float[] image, int row, int column) {
        return image[row * SIDE + column];
    }

    private static float sum(float[] values) {
        float total = 0;
        for (float value : values) {
            total += value;
        }
        return total;
    }
}
