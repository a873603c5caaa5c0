package io.trainbus.bench;

import java.util.Map;

import io.trainbus.models.NativeRuntime;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Compares one batch's gradient of a network as the trainer builds it (oneDNN helpers where the build has them,
 * cache mode {@code DEVICE}) with the gradient of a copy with Deeplearning4j's defaults (its own layer code, cache
 * mode {@code NONE}), to show that these settings change speed and not the mathematics.
 */
final class HelperCheck {

    private HelperCheck() {
    }

    /**
     * Returns the largest difference between the two gradients of any parameter, divided by that parameter
     * array's largest gradient magnitude; 0 when the network has no helpers.
     */
    static double maxRelativeGradientDifference(MultiLayerNetwork withHelpers, INDArray features, INDArray labels) {
        System.setProperty(NativeRuntime.HELPERS_DISABLED_PROPERTY, "true");
        MultiLayerNetwork plain;
        try {
            plain = Dl4jDefaults.copy(withHelpers);
        } finally {
            System.setProperty(NativeRuntime.HELPERS_DISABLED_PROPERTY, "false");
        }
        Map<String, INDArray> expected = gradient(plain, features, labels);
        Map<String, INDArray> actual = gradient(withHelpers, features, labels);
        double worst = 0;
        for (Map.Entry<String, INDArray> entry : expected.entrySet()) {
            double scale = entry.getValue().amaxNumber().doubleValue();
            double difference = entry.getValue().sub(actual.get(entry.getKey())).amaxNumber().doubleValue();
            if (scale > 0) {
                worst = Math.max(worst, difference / scale);
            }
        }
        plain.close();
        return worst;
    }

    /** Computes one training-mode gradient with a fixed dropout seed, so both networks draw the same masks. */
    private static Map<String, INDArray> gradient(MultiLayerNetwork network, INDArray features, INDArray labels) {
        network.setInput(features);
        network.setLabels(labels);
        Nd4j.getRandom().setSeed(12345);
        network.computeGradientAndScore();
        Map<String, INDArray> gradients = new java.util.LinkedHashMap<>();
        network.gradient().gradientForVariable().forEach((name, value) -> gradients.put(name, value.dup()));
        return gradients;
    }
}
