package io.trainbus.models;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.trainbus.common.dataset.ImageShape;
import io.trainbus.proto.v1.LayerSpec;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * Turns a list of {@link LayerSpec} into Deeplearning4j layers with Keras' semantics, then appends the softmax
 * output layer. The layers are named as Keras names them ({@code conv2d_1}, {@code batch_normalization_1}, ...).
 *
 * <ul>
 * <li>Keras {@code l2(x)} adds {@code x * sum(w^2)} to the loss, a gradient of {@code 2x * w}, while
 * Deeplearning4j's {@code l2(y)} adds {@code y * w} to the gradient, so y = 2x. It applies to the kernel only, as
 * Keras' {@code kernel_regularizer}; a one-step test checks the factor.</li>
 * <li>Keras {@code Dropout(rate)} drops with probability rate; Deeplearning4j's dropout takes the probability of
 * keeping a unit, 1 - rate.</li>
 * <li>Batch normalization uses Keras' momentum 0.99 and epsilon 1e-3 (Deeplearning4j's defaults are 0.9 and
 * 1e-5).</li>
 * <li>"flatten" adds no layer: Deeplearning4j inserts the reshape between a convolutional and a dense layer itself,
 * in channels-first order where Keras flattens channels last, which changes nothing when training from scratch.</li>
 * </ul>
 */
final class LayerStack {

    /** Keras' BatchNormalization defaults. */
    static final double BATCH_NORM_MOMENTUM = 0.99;
    static final double BATCH_NORM_EPSILON = 1e-3;

    private LayerStack() {
    }

    /**
     * Adds the layers and the output layer, and sets the input type: images of the given shape when a layer is a
     * convolution or pooling, otherwise flat rows of {@code shape.pixelsPerImage()} values.
     *
     * @param builder the network builder with seed, updater and initialisation set
     * @param layers hidden layers, input side first, with defaults applied
     * @param shape size of the input images
     * @param classCount width of the softmax output
     * @return the configuration
     * @throws IllegalArgumentException on an unknown layer type or activation
     */
    static MultiLayerConfiguration configure(NeuralNetConfiguration.ListBuilder builder, List<LayerSpec> layers,
            ImageShape shape, int classCount) {
        Map<String, Integer> counters = new HashMap<>();
        boolean image = false;
        for (LayerSpec spec : layers) {
            image |= "conv".equals(spec.getType()) || "pool".equals(spec.getType());
            Layer layer = toLayer(spec, counters);
            if (layer != null) {
                builder.layer(layer);
            }
        }
        builder.layer(ReferenceModels.softmaxOutput(classCount));
        builder.setInputType(image ? ReferenceModels.imageInput(shape) : InputType.feedForward(shape.pixelsPerImage()));
        return builder.build();
    }

    private static Layer toLayer(LayerSpec spec, Map<String, Integer> counters) {
        return switch (spec.getType()) {
            case "dense" -> new DenseLayer.Builder()
                    .name(name("dense", counters))
                    .nOut(spec.getUnits())
                    .activation(activation(spec.getActivation()))
                    .l2(2 * spec.getL2())
                    .build();
            case "conv" -> new ConvolutionLayer.Builder(spec.getKernelSize(), spec.getKernelSize())
                    .name(name("conv2d", counters))
                    .nOut(spec.getFilters())
                    .stride(1, 1)
                    .convolutionMode("valid".equals(spec.getPadding()) ? ConvolutionMode.Truncate
                            : ConvolutionMode.Same)
                    .activation(activation(spec.getActivation()))
                    .l2(2 * spec.getL2())
                    .build();
            case "pool" -> new SubsamplingLayer.Builder(PoolingType.MAX)
                    .name(name("max_pooling2d", counters))
                    .kernelSize(spec.getKernelSize(), spec.getKernelSize())
                    .stride(spec.getKernelSize(), spec.getKernelSize())
                    .build();
            case "dropout" -> new DropoutLayer.Builder(1 - spec.getRate()).name(name("dropout", counters)).build();
            case "batchnorm" -> new BatchNormalization.Builder()
                    .name(name("batch_normalization", counters))
                    .decay(BATCH_NORM_MOMENTUM)
                    .eps(BATCH_NORM_EPSILON)
                    .build();
            case "flatten" -> null;
            default -> throw new IllegalArgumentException("Unknown layer type '" + spec.getType()
                    + "': use dense, conv, pool, dropout, batchnorm or flatten");
        };
    }

    private static Activation activation(String name) {
        return switch (name) {
            case "relu" -> Activation.RELU;
            case "elu" -> Activation.ELU;
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            case "linear" -> Activation.IDENTITY;
            default -> throw new IllegalArgumentException("Unknown activation '" + name
                    + "': use relu, elu, tanh, sigmoid or linear");
        };
    }

    private static String name(String kind, Map<String, Integer> counters) {
        return kind + "_" + counters.merge(kind, 1, Integer::sum);
    }
}
