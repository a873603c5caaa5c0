package io.trainbus.models;

import java.util.ArrayList;
import java.util.List;

import io.trainbus.common.dataset.ImageShape;
import io.trainbus.common.request.DatasetCatalog;
import io.trainbus.proto.v1.LayerSpec;
import io.trainbus.proto.v1.TrainingRequest;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The three models of the reference study (written in Keras) as Deeplearning4j networks with the same layers,
 * parameter counts, initialisation and loss. Every network takes rows of {@code shape.pixelsPerImage()} floats, the
 * channel planes of one image in row-major order ({@link ImageShape}), and ends in a softmax over the dataset's
 * classes. The input and output widths come from the job's dataset, so the parameter counts depend on it. The
 * counts below are those for CIFAR-10 (32x32x3) and Fashion-MNIST (28x28x1), 10 classes each.
 *
 * <p>Keras {@code Dropout(rate)} drops a unit with probability {@code rate}, while Deeplearning4j's
 * {@code DropoutLayer(p)} keeps it with probability {@code p}, so every rate below is passed as {@code 1 - rate}.
 * Both scale the kept units by {@code 1 / (1 - rate)} during training.
 */
public final class ReferenceModels {

    /** Multi-layer perceptron: 3,590,642 parameters on CIFAR-10, 1,302,642 on Fashion-MNIST. */
    public static final String MLP = "mlp";
    /** Small convolutional network: 528,054 parameters on CIFAR-10, 303,926 on Fashion-MNIST. */
    public static final String CNN = "cnn";
    /**
     * Batch-normalized convolutional network: 309,290 parameters on CIFAR-10 as Keras counts them, 308,394 trainable
     * plus 896 batch-norm moving means and variances (299,754 on Fashion-MNIST, with the same 896). Deeplearning4j
     * stores those statistics as parameters too, so its count is the same; {@link ModelSummary} lists the two parts.
     */
    public static final String OPTIMIZED_CNN = "optimized-cnn";
    /** A network described by the request's layers. */
    public static final String CUSTOM = "custom";

    private ReferenceModels() {
    }

    /**
     * Three blocks of [conv 3x3 "same" elu with L2 1e-4, batch norm, conv 3x3 "same" elu with L2 1e-4, batch norm,
     * max-pool 2, dropout] with 32, 64 and 128 filters and dropout 0.2, 0.3 and 0.4, then flatten (2048 values for
     * a 32x32 image, 1152 for 28x28) and the dense softmax output.
     */
    static final List<LayerSpec> OPTIMIZED_CNN_LAYERS = optimizedCnnLayers();

    /** @return the reference model names; {@link #build} also accepts {@link #CUSTOM} */
    public static List<String> names() {
        return List.of(MLP, CNN, OPTIMIZED_CNN);
    }

    /**
     * Builds the network a request names for the image shape and class count of the request's dataset, as the
     * catalog lists them.
     *
     * @param request the job's request with every optional field set: model, seed, optimizer and dataset name are
     *        read
     * @return an initialised network whose optimizer state starts at zero, as in Keras
     * @throws IllegalArgumentException when the dataset, model, seed or optimizer is missing or invalid
     */
    public static MultiLayerNetwork build(TrainingRequest request) {
        DatasetCatalog.Dataset dataset = dataset(request);
        return build(request, dataset.shape(), dataset.classCount());
    }

    /**
     * Looks up the dataset a request names, whose image shape and class count fix the widths of the model's input
     * and output.
     *
     * @param request a request with defaults applied
     * @return the catalog entry of {@code request.dataset.name}
     * @throws IllegalArgumentException when the request names no dataset or one the catalog does not list
     */
    public static DatasetCatalog.Dataset dataset(TrainingRequest request) {
        String name = request.getDataset().getName();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("The request of job '" + request.getJobId()
                    + "' names no dataset: apply the request defaults before building a model");
        }
        return DatasetCatalog.require(name);
    }

    /**
     * Builds and initialises the network a request names. The request must carry every optional field, as
     * {@code RequestDefaults.apply} leaves it.
     *
     * @param request the job's request: model, seed and optimizer are read
     * @param shape size of the input images. The network takes rows of {@code shape.pixelsPerImage()} floats.
     * @param classCount width of the softmax output, at least 2
     * @return an initialised network whose optimizer state starts at zero, as in Keras
     * @throws IllegalArgumentException when the model is unknown, the seed or optimizer is missing or invalid, or
     *         the class count is below 2
     */
    public static MultiLayerNetwork build(TrainingRequest request, ImageShape shape, int classCount) {
        if (classCount < 2) {
            throw new IllegalArgumentException("Invalid class count " + classCount + " for job '"
                    + request.getJobId() + "': a softmax classifier needs at least 2 classes");
        }
        if (!request.hasSeed()) {
            throw new IllegalArgumentException("The request of job '" + request.getJobId()
                    + "' has no seed: apply the request defaults before building a model");
        }
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(request.getSeed())
                .updater(Optimizers.fromRequest(request))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .biasInit(0.0)
                // Keeps forward-pass intermediates for the backward pass: the optimized CNN trained about 17%
                // faster with parameters bit-identical after three steps (BENCHMARKS.md).
                .cacheMode(CacheMode.DEVICE)
                .list();
        MultiLayerConfiguration configuration = switch (request.getModel()) {
            case MLP -> mlp(layers, shape, classCount);
            case CNN -> cnn(layers, shape, classCount);
            case OPTIMIZED_CNN -> LayerStack.configure(layers, OPTIMIZED_CNN_LAYERS, shape, classCount);
            case CUSTOM -> LayerStack.configure(layers, request.getLayersList(), shape, classCount);
            default -> throw new IllegalArgumentException("Unknown model '" + request.getModel()
                    + "': use one of " + String.join(", ", names()) + " or " + CUSTOM + " with layers");
        };
        NativeRuntime.enableLayerHelpers();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        KerasRmsProp.resetState(network);
        return network;
    }

    /**
     * Flatten (3072 for CIFAR-10, 784 for Fashion-MNIST), Dense 1000 relu, Dropout 0.2, Dense 512 relu, Dropout 0.2,
     * Dense softmax over the classes.
     */
    private static MultiLayerConfiguration mlp(NeuralNetConfiguration.ListBuilder layers, ImageShape shape,
            int classCount) {
        return layers
                .layer(new DenseLayer.Builder().name("dense_1").nOut(1000).activation(Activation.RELU).build())
                .layer(new DropoutLayer.Builder(1 - 0.2).name("dropout_1").build())
                .layer(new DenseLayer.Builder().name("dense_2").nOut(512).activation(Activation.RELU).build())
                .layer(new DropoutLayer.Builder(1 - 0.2).name("dropout_2").build())
                .layer(softmaxOutput(classCount))
                .setInputType(InputType.feedForward(shape.pixelsPerImage()))
                .build();
    }

    /**
     * Builds the CNN: three blocks of Conv 2x2 "same" relu and MaxPool 2 (16, 32, 64 filters), Dropout 0.3,
     * Flatten, Dense 500 relu, Dropout 0.4 and a Dense softmax over the classes. The flattened width is 1024 for a
     * 32x32 image and 576 for a 28x28 one, which the pools take to 14, 7 and 3. Deeplearning4j flattens channels
     * first and Keras channels last, so the dense layer's inputs come in another order, which changes nothing when
     * training from scratch.
     */
    private static MultiLayerConfiguration cnn(NeuralNetConfiguration.ListBuilder layers, ImageShape shape,
            int classCount) {
        return layers
                .layer(convolution("conv2d_1", 16))
                .layer(maxPooling("max_pooling2d_1"))
                .layer(convolution("conv2d_2", 32))
                .layer(maxPooling("max_pooling2d_2"))
                .layer(convolution("conv2d_3", 64))
                .layer(maxPooling("max_pooling2d_3"))
                .layer(new DropoutLayer.Builder(1 - 0.3).name("dropout_1").build())
                .layer(new DenseLayer.Builder().name("dense_1").nOut(500).activation(Activation.RELU).build())
                .layer(new DropoutLayer.Builder(1 - 0.4).name("dropout_2").build())
                .layer(softmaxOutput(classCount))
                .setInputType(imageInput(shape))
                .build();
    }

    private static ConvolutionLayer convolution(String name, int filters) {
        return new ConvolutionLayer.Builder(2, 2)
                .name(name)
                .nOut(filters)
                .stride(1, 1)
                .convolutionMode(ConvolutionMode.Same)
                .activation(Activation.RELU)
                .build();
    }

    /**
     * Keras' {@code MaxPooling2D(2)} with its default 'valid' padding: an odd side loses its last row or column
     * (7 becomes 3), which is Deeplearning4j's {@code Truncate} mode.
     */
    private static SubsamplingLayer maxPooling(String name) {
        return new SubsamplingLayer.Builder(PoolingType.MAX)
                .name(name)
                .kernelSize(2, 2)
                .stride(2, 2)
                .convolutionMode(ConvolutionMode.Truncate)
                .build();
    }

    /** Flat rows of channel-planar pixels, reshaped to [batch, channels, height, width] before the first layer. */
    static InputType imageInput(ImageShape shape) {
        return InputType.convolutionalFlat(shape.height(), shape.width(), shape.channels());
    }

    private static List<LayerSpec> optimizedCnnLayers() {
        List<LayerSpec> layers = new ArrayList<>();
        int[] filters = {32, 64, 128};
        double[] dropout = {0.2, 0.3, 0.4};
        for (int block = 0; block < filters.length; block++) {
            for (int conv = 0; conv < 2; conv++) {
                layers.add(LayerSpec.newBuilder().setType("conv").setFilters(filters[block]).setKernelSize(3)
                        .setPadding("same").setActivation("elu").setL2(1e-4).build());
                layers.add(LayerSpec.newBuilder().setType("batchnorm").build());
            }
            layers.add(LayerSpec.newBuilder().setType("pool").setKernelSize(2).build());
            layers.add(LayerSpec.newBuilder().setType("dropout").setRate(dropout[block]).build());
        }
        layers.add(LayerSpec.newBuilder().setType("flatten").build());
        return List.copyOf(layers);
    }

    static OutputLayer softmaxOutput(int classCount) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .name("output")
                .nOut(classCount)
                .activation(Activation.SOFTMAX)
                .build();
    }
}
