package io.trainbus.preprocessing.augment;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainbus.proto.v1.AugmentationSpec;
import org.junit.jupiter.api.Test;

class TransformDrawsTest {

    private static final AugmentationSpec KERAS = AugmentationSpec.newBuilder().setEnabled(true)
            .setRotationRange(15).setWidthShiftRange(0.15).setHeightShiftRange(0.15).setHorizontalFlip(true)
            .setFillMode("nearest").build();

    @Test
    void drawsDependOnSeedEpochAndRowOnly() {
        TransformDraws first = new TransformDraws(KERAS, 42, 3, 32, 32);
        TransformDraws again = new TransformDraws(KERAS, 42, 3, 32, 32);

        assertThat(again.draw(1234)).isEqualTo(first.draw(1234));
        assertThat(again.draw(0)).isEqualTo(first.draw(0));
        assertThat(new TransformDraws(KERAS, 42, 4, 32, 32).draw(1234)).isNotEqualTo(first.draw(1234));
        assertThat(new TransformDraws(KERAS, 43, 3, 32, 32).draw(1234)).isNotEqualTo(first.draw(1234));
        assertThat(first.draw(1235)).isNotEqualTo(first.draw(1234));
    }

    @Test
    void drawsCoverTheirRanges() {
        TransformDraws draws = new TransformDraws(KERAS, 42, 1, 32, 32);
        int rows = 20_000;
        int flips = 0;
        double maxDegrees = 0;
        double maxRowShift = 0;
        double maxColumnShift = 0;
        double degreeSum = 0;

        for (int row = 0; row < rows; row++) {
            ImageTransform transform = draws.draw(row);
            maxDegrees = Math.max(maxDegrees, Math.abs(transform.degrees()));
            maxRowShift = Math.max(maxRowShift, Math.abs(transform.rowShift()));
            maxColumnShift = Math.max(maxColumnShift, Math.abs(transform.columnShift()));
            degreeSum += transform.degrees();
            flips += transform.flip() ? 1 : 0;
        }

        assertThat(maxDegrees).isLessThanOrEqualTo(15).isGreaterThan(14.9);
        assertThat(maxRowShift).isLessThanOrEqualTo(4.8).isGreaterThan(4.75);
        assertThat(maxColumnShift).isLessThanOrEqualTo(4.8).isGreaterThan(4.75);
        assertThat(Math.abs(degreeSum / rows)).as("mean angle").isLessThan(0.3);
        assertThat(flips).as("flips out of %d", rows).isBetween(9_600, 10_400);
    }

    @Test
    void disabledPartsDrawNothing() {
        AugmentationSpec none = KERAS.toBuilder().setRotationRange(0).setWidthShiftRange(0)
                .setHorizontalFlip(false).build();
        TransformDraws draws = new TransformDraws(none, 42, 1, 32, 32);

        for (int row = 0; row < 100; row++) {
            ImageTransform transform = draws.draw(row);
            assertThat(transform.degrees()).isZero();
            assertThat(transform.columnShift()).isZero();
            assertThat(transform.flip()).isFalse();
            assertThat(Math.abs(transform.rowShift())).isLessThanOrEqualTo(4.8);
        }
    }
}
