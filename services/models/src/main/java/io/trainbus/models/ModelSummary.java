package io.trainbus.models;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Renders a network as a table like Keras' {@code model.summary()}. */
public final class ModelSummary {

    private static final Set<String> MOVING_STATISTICS = Set.of(BatchNormalizationParamInitializer.GLOBAL_MEAN,
            BatchNormalizationParamInitializer.GLOBAL_VAR, BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
    private static final String FORMAT = "%-44s%-24s%,12d%n";
    private static final String THIN_RULE = "_".repeat(80) + System.lineSeparator();
    private static final String THICK_RULE = "=".repeat(80) + System.lineSeparator();

    private ModelSummary() {
    }

    /**
     * Renders one row per layer: name and type, output shape and parameter count, then the total. Output shapes
     * come from a forward pass of one blank image and are channels first, [batch, channels, height, width], for
     * convolution layers, where Keras prints channels last.
     *
     * @param net an initialised network whose input is a flat row
     * @param name title of the table, for example the model name
     * @return the table, lines separated by the platform's line separator
     */
    public static String render(MultiLayerNetwork net, String name) {
        INDArray blank = Nd4j.zeros(1, inputWidth(net));
        List<INDArray> activations = net.feedForward(blank, false);

        StringBuilder table = new StringBuilder();
        table.append(String.format("Model: \"%s\"%n", name)).append(THIN_RULE);
        table.append(String.format("%-44s%-24s%12s%n", "Layer (type)", "Output Shape", "Param #"));
        table.append(THICK_RULE);
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            String layerName = layers[i].conf().getLayer().getLayerName();
            String type = layers[i].conf().getLayer().getClass().getSimpleName();
            // activations.get(0) is the input, so layer i's output is at i + 1.
            String shape = shape(activations.get(i + 1).shape());
            table.append(String.format(Locale.ROOT, FORMAT, layerName + " (" + type + ")", shape,
                    layers[i].numParams()));
        }
        table.append(THICK_RULE);
        long nonTrainable = nonTrainableParams(net);
        table.append(String.format(Locale.ROOT, "Total params: %,d%n", net.numParams()));
        table.append(String.format(Locale.ROOT, "Trainable params: %,d%n", net.numParams() - nonTrainable));
        table.append(String.format(Locale.ROOT, "Non-trainable params: %,d%n", nonTrainable));
        if (nonTrainable > 0) {
            table.append("(batch-norm moving means and variances: Keras lists them as non-trainable weights,")
                    .append(System.lineSeparator())
                    .append(" Deeplearning4j stores them as parameters that the optimizer does not update)")
                    .append(System.lineSeparator());
        }
        table.append(THIN_RULE);
        return table.toString();
    }

    /**
     * Counts the batch-norm moving statistics, which the forward pass updates and the optimizer does not: per
     * channel a mean and a variance (Deeplearning4j keeps log10 of the standard deviation in place of the variance
     * when {@code useLogStd} is on, the default).
     *
     * @param net an initialised network
     * @return parameters that Keras would count as non-trainable
     */
    public static long nonTrainableParams(MultiLayerNetwork net) {
        long count = 0;
        for (Layer layer : net.getLayers()) {
            if (!(layer.conf().getLayer() instanceof BatchNormalization)) {
                continue;
            }
            for (Map.Entry<String, INDArray> param : layer.paramTable().entrySet()) {
                if (MOVING_STATISTICS.contains(param.getKey())) {
                    count += param.getValue().length();
                }
            }
        }
        return count;
    }

    private static long inputWidth(MultiLayerNetwork net) {
        InputPreProcessor preProcessor = net.getLayerWiseConfigurations().getInputPreProcess(0);
        if (preProcessor instanceof FeedForwardToCnnPreProcessor flatToImage) {
            return flatToImage.getInputHeight() * flatToImage.getInputWidth() * flatToImage.getNumChannels();
        }
        return net.layerInputSize(0);
    }

    private static String shape(long[] dimensions) {
        StringBuilder text = new StringBuilder("(None");
        for (int i = 1; i < dimensions.length; i++) {
            text.append(", ").append(dimensions[i]);
        }
        return text.append(')').toString();
    }
}
