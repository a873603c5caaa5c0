package io.trainbus.models;

import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Collects the loss and accuracy of the training-mode forward pass of each batch, the figures Keras prints
 * during {@code fit}. Deeplearning4j (1.0.0-M2.1) calls {@link #onForwardPass} during {@code fit} with the
 * activations up to the layer before the output layer, before the gradient is applied; this listener finishes
 * that pass through the output layer with the same weights, so dropout masks and weights match the step's.
 *
 * <p>NOTE: the epoch figures are means over images, so each batch counts by its size. That differs from an
 * unweighted mean of batch means only through the last partial batch. Which of the two Keras prints was not
 * checked against the Keras source.
 */
final class TrainingFiguresListener extends BaseTrainingListener {

    private INDArray labels;
    private ScoreAccumulator accumulator;

    /** Starts a new epoch's sums. */
    void reset(int classes) {
        accumulator = new ScoreAccumulator(classes);
    }

    /** Names the labels of the batch about to be fitted. */
    void nextBatch(INDArray batchLabels) {
        labels = batchLabels;
    }

    double meanLoss() {
        return accumulator.meanLoss();
    }

    double accuracy() {
        return accumulator.accuracy();
    }

    int count() {
        return accumulator.count();
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        MultiLayerNetwork network = (MultiLayerNetwork) model;
        Layer output = network.getOutputLayer();
        INDArray input = activations.get(activations.size() - 1);
        // An output layer right after a convolutional or dropout layer on images gets a 4-dimensional input that
        // the layer's input preprocessor flattens first; apply the same preprocessor here.
        InputPreProcessor preProcessor = network.getLayerWiseConfigurations().getInputPreProcess(output.getIndex());
        if (preProcessor != null) {
            input = preProcessor.preProcess(input, (int) input.size(0), LayerWorkspaceMgr.noWorkspaces());
        }
        INDArray weights = output.getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray bias = output.getParam(DefaultParamInitializer.BIAS_KEY);
        INDArray preOutput = input.mmul(weights).addiRowVector(bias);
        INDArray probabilities = ((BaseLayer) output.conf().getLayer()).getActivationFn()
                .getActivation(preOutput, true);
        accumulator.add(probabilities, labels);
    }
}
