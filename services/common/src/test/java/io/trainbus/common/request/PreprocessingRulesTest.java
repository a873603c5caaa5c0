package io.trainbus.common.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.trainbus.proto.v1.AugmentationSpec;
import io.trainbus.proto.v1.PreprocessingSpec;
import io.trainbus.proto.v1.TrainingRequest;
import org.junit.jupiter.api.Test;

class PreprocessingRulesTest {

    @Test
    void referenceModelsScaleWithoutAugmentation() {
        for (String model : new String[] {"mlp", "cnn"}) {
            PreprocessingSpec spec = RequestDefaults.apply(request(model).build()).getPreprocessing();

            assertThat(spec.getNormalization()).as(model).isEqualTo("scale");
            assertThat(spec.getAugmentation().getEnabled()).as(model).isFalse();
            assertThatCode(() -> PreprocessingRules.validate(spec)).doesNotThrowAnyException();
        }
    }

    @Test
    void optimizedCnnStandardisesAndAugments() {
        PreprocessingSpec spec = PreprocessingDefaults.apply(PreprocessingSpec.getDefaultInstance(),
                "optimized-cnn");

        assertThat(spec.getNormalization()).isEqualTo("zscore");
        AugmentationSpec augmentation = spec.getAugmentation();
        assertThat(augmentation.getEnabled()).isTrue();
        assertThat(augmentation.getRotationRange()).isEqualTo(15.0);
        assertThat(augmentation.getWidthShiftRange()).isEqualTo(0.15);
        assertThat(augmentation.getHeightShiftRange()).isEqualTo(0.15);
        assertThat(augmentation.getHorizontalFlip()).isTrue();
        assertThat(augmentation.getFillMode()).isEqualTo("nearest");
        assertThatCode(() -> PreprocessingRules.validate(spec)).doesNotThrowAnyException();
    }

    @Test
    void defaultsKeepExplicitZeroAndFalse() {
        PreprocessingSpec spec = PreprocessingDefaults.apply(PreprocessingSpec.newBuilder()
                .setNormalization("scale")
                .setAugmentation(AugmentationSpec.newBuilder().setEnabled(true).setRotationRange(0)
                        .setHorizontalFlip(false).setWidthShiftRange(0))
                .build(), "optimized-cnn");

        assertThat(spec.getNormalization()).isEqualTo("scale");
        assertThat(spec.getAugmentation().getEnabled()).isTrue();
        assertThat(spec.getAugmentation().getRotationRange()).isZero();
        assertThat(spec.getAugmentation().getWidthShiftRange()).isZero();
        assertThat(spec.getAugmentation().getHeightShiftRange()).isEqualTo(0.15);
        assertThat(spec.getAugmentation().getHorizontalFlip()).isFalse();
    }

    @Test
    void augmentationCanBeEnabledForCnn() {
        PreprocessingSpec spec = PreprocessingDefaults.apply(PreprocessingSpec.newBuilder()
                .setAugmentation(AugmentationSpec.newBuilder().setEnabled(true)).build(), "cnn");

        assertThat(spec.getNormalization()).isEqualTo("scale");
        assertThat(spec.getAugmentation().getRotationRange()).isEqualTo(15.0);
    }

    @Test
    void rejectsUnknownNormalization() {
        InvalidRequestException error = rejection(PreprocessingSpec.newBuilder().setNormalization("minmax"));

        assertThat(error.field()).isEqualTo("preprocessing.normalization");
        assertThat(error.value()).isEqualTo("minmax");
        assertThat(error.getMessage()).contains("'minmax'").contains("scale").contains("zscore");
    }

    @Test
    void rejectsOutOfRangeAugmentation() {
        Object[][] cases = {
            {AugmentationSpec.newBuilder().setRotationRange(-1), "preprocessing.augmentation.rotation_range", "-1.0",
                "from 0 to 180"},
            {AugmentationSpec.newBuilder().setRotationRange(Double.NaN), "preprocessing.augmentation.rotation_range",
                "NaN", "from 0 to 180"},
            {AugmentationSpec.newBuilder().setWidthShiftRange(1), "preprocessing.augmentation.width_shift_range",
                "1.0", "below 1"},
            {AugmentationSpec.newBuilder().setHeightShiftRange(-0.1),
                "preprocessing.augmentation.height_shift_range", "-0.1", "at least 0"},
            {AugmentationSpec.newBuilder().setFillMode("constant"), "preprocessing.augmentation.fill_mode",
                "constant", "nearest"},
        };
        for (Object[] row : cases) {
            InvalidRequestException error = rejection(PreprocessingSpec.newBuilder()
                    .setAugmentation((AugmentationSpec.Builder) row[0]));

            assertThat(error.field()).as("field for %s", row[2]).isEqualTo(row[1]);
            assertThat(error.value()).as("value of %s", row[1]).isEqualTo(row[2]);
            assertThat(error.getMessage()).as("message for %s", row[1]).contains((String) row[3]);
        }
    }

    @Test
    void validatorChecksPreprocessing() {
        TrainingRequest request = RequestDefaults.apply(request("cnn")
                .setPreprocessing(PreprocessingSpec.newBuilder().setNormalization("none")).build());

        InvalidRequestException error = catchThrowableOfType(InvalidRequestException.class,
                () -> RequestValidator.validate(request));

        assertThat(error).isNotNull();
        assertThat(error.field()).isEqualTo("preprocessing.normalization");
    }

    private static TrainingRequest.Builder request(String model) {
        return TrainingRequest.newBuilder().setJobId("job-1").setModel(model);
    }

    /** Applies the cnn defaults to a partial spec and returns the validation error. */
    private static InvalidRequestException rejection(PreprocessingSpec.Builder spec) {
        PreprocessingSpec defaulted = PreprocessingDefaults.apply(spec.build(), "cnn");
        InvalidRequestException error = catchThrowableOfType(InvalidRequestException.class,
                () -> PreprocessingRules.validate(defaulted));
        assertThat(error).as("rejection of " + defaulted).isNotNull();
        return error;
    }
}
