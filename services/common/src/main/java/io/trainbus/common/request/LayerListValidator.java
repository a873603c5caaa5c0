package io.trainbus.common.request;

import java.util.List;

import io.trainbus.proto.v1.LayerSpec;
import io.trainbus.proto.v1.TrainingRequest;

/**
 * Checks the layers of a custom model: known types, parameters in range, no parameter that the type ignores, and an
 * order Keras would accept. Convolution and pooling need an image, so they must come before any flatten or dense
 * layer, and a dense layer after them needs a flatten layer first. The image side is tracked so that no layer
 * shrinks it below one pixel.
 */
final class LayerListValidator {

    static final List<String> TYPES = List.of("dense", "conv", "pool", "dropout", "batchnorm", "flatten");
    static final List<String> ACTIVATIONS = List.of("relu", "elu", "tanh", "sigmoid", "linear");
    static final List<String> PADDINGS = List.of("same", "valid");
    static final int MAX_LAYERS = 64;

    private LayerListValidator() {
    }

    /**
     * Validates the model name against the layer list.
     *
     * @param request a defaulted request
     * @param imageSide side of the dataset's square images, in pixels
     * @throws InvalidRequestException naming the first layer field at fault, for example {@code layers[2].filters}
     */
    static void validate(TrainingRequest request, int imageSide) throws InvalidRequestException {
        String model = request.getModel();
        if (!ModelNames.ALL.contains(model)) {
            throw RequestValidator.invalid("model", model, "is not a known model; use one of " + ModelNames.ALL
                    + ", or set layers for a custom model");
        }
        boolean custom = ModelNames.CUSTOM.equals(model);
        if (!custom && request.getLayersCount() > 0) {
            throw RequestValidator.invalid("layers", request.getLayersCount() + " layers", "must be empty for model "
                    + model + "; set model to \"custom\" (or leave it out) to train the listed layers");
        }
        if (custom) {
            RequestValidator.checkRange("layers", request.getLayersCount(), 1, MAX_LAYERS);
            checkLayers(request.getLayersList(), imageSide);
        }
    }

    private static void checkLayers(List<LayerSpec> layers, int imageSide) throws InvalidRequestException {
        int side = imageSide;
        boolean flat = false;
        boolean spatialSeen = false;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            String at = "layers[" + i + "].";
            switch (layer.getType()) {
                case "dense" -> {
                    requireUnset(at, layer, "filters", "kernel_size", "padding", "rate");
                    if (spatialSeen && !flat) {
                        throw RequestValidator.invalid(at + "type", "dense", "follows a conv or pool layer without"
                                + " flattening; add {\"type\": \"flatten\"} before it");
                    }
                    RequestValidator.checkRange(at + "units", layer.getUnits(), 1, 65_536);
                    checkActivationAndL2(at, layer);
                    flat = true;
                }
                case "conv" -> {
                    requireUnset(at, layer, "units", "rate");
                    requireImage(at, flat);
                    RequestValidator.checkRange(at + "filters", layer.getFilters(), 1, 4_096);
                    RequestValidator.checkRange(at + "kernel_size", layer.getKernelSize(), 1, 11);
                    if (!PADDINGS.contains(layer.getPadding())) {
                        throw RequestValidator.invalid(at + "padding", layer.getPadding(), "must be one of "
                                + PADDINGS);
                    }
                    checkActivationAndL2(at, layer);
                    side = "same".equals(layer.getPadding()) ? side : side - layer.getKernelSize() + 1;
                    requireSide(at + "kernel_size", layer.getKernelSize(), side);
                    spatialSeen = true;
                }
                case "pool" -> {
                    requireUnset(at, layer, "units", "filters", "activation", "padding", "l2", "rate");
                    requireImage(at, flat);
                    RequestValidator.checkRange(at + "kernel_size", layer.getKernelSize(), 1, 8);
                    side = side / layer.getKernelSize();
                    requireSide(at + "kernel_size", layer.getKernelSize(), side);
                    spatialSeen = true;
                }
                case "dropout" -> {
                    requireUnset(at, layer, "units", "filters", "kernel_size", "activation", "padding", "l2");
                    double rate = layer.getRate();
                    if (!layer.hasRate() || !(rate >= 0 && rate < 1)) {
                        throw RequestValidator.invalid(at + "rate", layer.hasRate() ? String.valueOf(rate) : "unset",
                                "must be at least 0 and below 1 (the probability of dropping a unit)");
                    }
                }
                case "batchnorm", "flatten" -> {
                    requireUnset(at, layer, "units", "filters", "kernel_size", "activation", "padding", "l2", "rate");
                    flat = flat || "flatten".equals(layer.getType());
                }
                default -> throw RequestValidator.invalid(at + "type", layer.getType(), "is not a known layer type;"
                        + " use one of " + TYPES);
            }
        }
    }

    private static void checkActivationAndL2(String at, LayerSpec layer) throws InvalidRequestException {
        if (!ACTIVATIONS.contains(layer.getActivation())) {
            throw RequestValidator.invalid(at + "activation", layer.getActivation(), "must be one of " + ACTIVATIONS);
        }
        if (!(layer.getL2() >= 0 && layer.getL2() <= 1)) {
            throw RequestValidator.invalid(at + "l2", String.valueOf(layer.getL2()), "must be from 0 to 1");
        }
    }

    private static void requireImage(String at, boolean flat) throws InvalidRequestException {
        if (flat) {
            throw RequestValidator.invalid(at + "type", "conv or pool", "needs an image but follows a flatten or"
                    + " dense layer; move it before them");
        }
    }

    private static void requireSide(String field, int kernel, int side) throws InvalidRequestException {
        if (side < 1) {
            throw RequestValidator.invalid(field, String.valueOf(kernel), "shrinks the image below 1 pixel; use a"
                    + " smaller kernel, \"same\" padding or fewer pooling layers");
        }
    }

    /** Rejects parameters that the layer type would ignore, so a request never sets something that has no effect. */
    private static void requireUnset(String at, LayerSpec layer, String... fields) throws InvalidRequestException {
        for (String field : fields) {
            boolean set = switch (field) {
                case "units" -> layer.getUnits() != 0;
                case "filters" -> layer.getFilters() != 0;
                case "kernel_size" -> layer.hasKernelSize();
                case "activation" -> !layer.getActivation().isEmpty();
                case "padding" -> !layer.getPadding().isEmpty();
                case "l2" -> layer.hasL2();
                case "rate" -> layer.hasRate();
                default -> throw new IllegalArgumentException("Unknown layer field " + field);
            };
            if (set) {
                throw RequestValidator.invalid(at + field, "set", "does not apply to a " + layer.getType()
                        + " layer; remove it");
            }
        }
    }
}
