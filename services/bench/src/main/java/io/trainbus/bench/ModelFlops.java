package io.trainbus.bench;

import java.util.List;

import io.trainbus.common.dataset.ImageShape;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Floating-point operations of one training image, counting only matrix products and convolutions. A multiply-add is
 * 2 operations, and the backward pass costs twice the forward pass (input and weight gradients). Training is therefore
 * 6 operations per multiply-add of the forward pass. Pooling, activations and the optimizer are left out.
 */
final class ModelFlops {

    private ModelFlops() {
    }

    /**
     * Returns the training operations per image of a network whose input is one flat row of an image.
     *
     * @param network the network
     * @param shape the size of the images the network was built for
     * @return operations per image
     */
    static long trainingFlopPerImage(MultiLayerNetwork network, ImageShape shape) {
        MultiLayerConfiguration configuration = network.getLayerWiseConfigurations();
        InputType input = configuration.getConf(0).getLayer() instanceof ConvolutionLayer
                ? InputType.convolutionalFlat(shape.height(), shape.width(), shape.channels())
                : InputType.feedForward(shape.pixelsPerImage());
        List<InputType> outputs = configuration.getLayerActivationTypes(input);
        long multiplyAdds = 0;
        for (int i = 0; i < outputs.size(); i++) {
            Layer layer = configuration.getConf(i).getLayer();
            if (layer instanceof ConvolutionLayer conv
                    && outputs.get(i) instanceof InputType.InputTypeConvolutional out) {
                int[] kernel = conv.getKernelSize();
                multiplyAdds += out.getHeight() * out.getWidth() * conv.getNOut() * kernel[0] * kernel[1]
                        * conv.getNIn();
            } else if (layer instanceof DenseLayer dense) {
                multiplyAdds += dense.getNIn() * dense.getNOut();
            } else if (layer instanceof OutputLayer output) {
                multiplyAdds += output.getNIn() * output.getNOut();
            }
        }
        return 6 * multiplyAdds;
    }
}
