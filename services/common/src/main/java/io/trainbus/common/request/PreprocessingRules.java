package io.trainbus.common.request;

import java.util.List;

import io.trainbus.proto.v1.AugmentationSpec;
import io.trainbus.proto.v1.PreprocessingSpec;

/**
 * Checks the preprocessing part of a request with defaults applied. Shifts are fractions of the image size, as
 * Keras reads values below 1. Keras reads values of 1 and more as pixel counts, which this service does not support.
 */
public final class PreprocessingRules {

    public static final List<String> NORMALIZATIONS = List.of(PreprocessingDefaults.SCALE,
            PreprocessingDefaults.ZSCORE);
    public static final List<String> FILL_MODES = List.of(PreprocessingDefaults.NEAREST);
    /** Maximum rotation range in degrees, because 180 already allows every angle. */
    public static final double MAX_ROTATION_RANGE = 180;

    private PreprocessingRules() {
    }

    /**
     * Validates normalization and augmentation.
     *
     * @param spec the preprocessing part after {@link PreprocessingDefaults#apply}
     * @throws InvalidRequestException naming the first field that is out of range, its value and the allowed range
     */
    public static void validate(PreprocessingSpec spec) throws InvalidRequestException {
        if (!NORMALIZATIONS.contains(spec.getNormalization())) {
            throw invalid("preprocessing.normalization", spec.getNormalization(),
                    "is not a known normalization; use one of " + NORMALIZATIONS);
        }
        AugmentationSpec augmentation = spec.getAugmentation();
        double rotation = augmentation.getRotationRange();
        if (!(rotation >= 0 && rotation <= MAX_ROTATION_RANGE)) {
            throw invalid("preprocessing.augmentation.rotation_range", String.valueOf(rotation),
                    "must be from 0 to " + MAX_ROTATION_RANGE + " degrees");
        }
        checkShift("preprocessing.augmentation.width_shift_range", augmentation.getWidthShiftRange());
        checkShift("preprocessing.augmentation.height_shift_range", augmentation.getHeightShiftRange());
        if (!FILL_MODES.contains(augmentation.getFillMode())) {
            throw invalid("preprocessing.augmentation.fill_mode", augmentation.getFillMode(),
                    "is not a supported fill mode; use one of " + FILL_MODES);
        }
    }

    private static void checkShift(String field, double value) throws InvalidRequestException {
        if (!(value >= 0 && value < 1)) {
            throw invalid(field, String.valueOf(value), "must be at least 0 and below 1 (a fraction of the image "
                    + "size)");
        }
    }

    private static InvalidRequestException invalid(String field, String value, String rule) {
        return new InvalidRequestException(field, value, "Invalid " + field + " '" + value + "': it " + rule + ".");
    }
}
