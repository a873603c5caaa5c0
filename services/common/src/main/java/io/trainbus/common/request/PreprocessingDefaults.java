package io.trainbus.common.request;

import io.trainbus.proto.v1.AugmentationSpec;
import io.trainbus.proto.v1.PreprocessingSpec;

/**
 * Default normalization and augmentation of a request. The MLP and the CNN of the reference study divide pixels
 * by 255 and train on the images as they are. The optimized CNN standardises pixels with the training split's mean
 * and standard deviation and trains on images augmented as Keras' {@code ImageDataGenerator(rotation_range=15,
 * width_shift_range=0.15, height_shift_range=0.15, horizontal_flip=True)} does. The augmentation parameters
 * default to those values for every model, so a request that only sets {@code enabled} gets the same transforms.
 */
public final class PreprocessingDefaults {

    /** The model whose defaults standardise pixels and augment images. */
    public static final String OPTIMIZED_CNN = "optimized-cnn";
    public static final String SCALE = "scale";
    public static final String ZSCORE = "zscore";
    public static final String NEAREST = "nearest";
    public static final double ROTATION_RANGE = 15;
    public static final double WIDTH_SHIFT_RANGE = 0.15;
    public static final double HEIGHT_SHIFT_RANGE = 0.15;

    private PreprocessingDefaults() {
    }

    /**
     * Fills the preprocessing fields a request left out. Fields the request set, zero and false included, are kept.
     *
     * @param spec the request's preprocessing part, possibly empty
     * @param model the request's model name, which chooses the defaults
     * @return the spec with every field set
     */
    public static PreprocessingSpec apply(PreprocessingSpec spec, String model) {
        boolean optimized = OPTIMIZED_CNN.equals(model);
        PreprocessingSpec.Builder builder = spec.toBuilder();
        if (builder.getNormalization().isEmpty()) {
            builder.setNormalization(optimized ? ZSCORE : SCALE);
        }
        AugmentationSpec.Builder augmentation = builder.getAugmentation().toBuilder();
        if (!augmentation.hasEnabled()) {
            augmentation.setEnabled(optimized);
        }
        if (!augmentation.hasRotationRange()) {
            augmentation.setRotationRange(ROTATION_RANGE);
        }
        if (!augmentation.hasWidthShiftRange()) {
            augmentation.setWidthShiftRange(WIDTH_SHIFT_RANGE);
        }
        if (!augmentation.hasHeightShiftRange()) {
            augmentation.setHeightShiftRange(HEIGHT_SHIFT_RANGE);
        }
        if (!augmentation.hasHorizontalFlip()) {
            augmentation.setHorizontalFlip(true);
        }
        if (augmentation.getFillMode().isEmpty()) {
            augmentation.setFillMode(NEAREST);
        }
        return builder.setAugmentation(augmentation).build();
    }
}
