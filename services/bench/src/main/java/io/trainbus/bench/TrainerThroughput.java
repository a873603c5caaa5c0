package io.trainbus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.trainbus.common.request.RequestDefaults;
import io.trainbus.models.NativeRuntime;
import io.trainbus.models.ReferenceModels;
import io.trainbus.models.Tensors;
import io.trainbus.models.TrainingLoop;
import io.trainbus.proto.v1.TrainingRequest;
import io.trainbus.trainer.backend.NativeBuildSelector;
import io.trainbus.trainer.backend.NativeThreads;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One trainer measurement in its own JVM, because a JVM loads one native build for good. Trains a reference model
 * with the trainer's classes ({@link ReferenceModels}, {@link TrainingLoop}) on prepared CIFAR-10 tensors read with
 * {@link Tensors#loadNpy}, as the trainer reads them. Each epoch of the loop is one timed chunk of
 * {@code batches} batches taken from the start of the training split; the loop's own images per second (validation
 * on one batch excluded) is the chunk's rate. Prints one line starting with {@value #PREFIX}.
 *
 * <p>Arguments: {@code model batch batches chunks warmUpChunks setup tensorFolder [threads]}, where setup is
 * {@code dl4j-default} (the plain nd4j-native build, ND4J's default threads, Deeplearning4j's default cache
 * mode) or {@code trainbus} (the build {@link NativeBuildSelector} picks and {@link NativeThreads}' count, or the
 * given thread count).
 */
public final class TrainerThroughput {

    static final String PREFIX = "TRAINER ";
    static final String DEFAULT_SETUP = "dl4j-default";
    static final String TRAINBUS_SETUP = "trainbus";

    private TrainerThroughput() {
    }

    public static void main(String[] args) throws IOException {
        String model = args[0];
        int batch = Integer.parseInt(args[1]);
        int batches = Integer.parseInt(args[2]);
        int chunks = Integer.parseInt(args[3]);
        int warmUp = Integer.parseInt(args[4]);
        String setup = args[5];
        Path tensors = Path.of(args[6]);

        String selected;
        if (TRAINBUS_SETUP.equals(setup)) {
            selected = NativeBuildSelector.applyToThisProcess().build().classifier();
        } else if (DEFAULT_SETUP.equals(setup)) {
            // Without the property JavaCPP loads whichever extension of nd4j-native it finds first on the classpath.
            System.setProperty(NativeBuildSelector.EXTENSION_PROPERTY, "");
            selected = "linux-x86_64 (forced)";
        } else {
            throw new IllegalArgumentException("Unknown setup '" + setup + "': use " + DEFAULT_SETUP + " or "
                    + TRAINBUS_SETUP);
        }
        int threads = args.length > 7 ? Integer.parseInt(args[7]) : NativeThreads.forModel(model);

        TrainingRequest request = RequestDefaults.apply(TrainingRequest.newBuilder().setJobId("bench-" + model)
                .setModel(model).setBatchSize(batch).build());
        String split = ReferenceModels.OPTIMIZED_CNN.equals(model) ? "zscore" : "scale";
        INDArray features = Tensors.loadNpy(tensors.resolve(split).resolve("train_x.npy"));
        INDArray labels = Tensors.loadNpy(tensors.resolve(split).resolve("train_y.npy"));
        long rows = (long) batch * batches;
        if (features.size(0) < rows) {
            throw new IllegalArgumentException("The training split contains " + features.size(0) + " images but a chunk"
                    + " needs " + rows + ": lower the batches per chunk");
        }
        INDArray chunkFeatures = rowsOf(features, 0, rows);
        INDArray chunkLabels = rowsOf(labels, 0, rows);
        INDArray validationFeatures = rowsOf(features, 0, batch);
        INDArray validationLabels = rowsOf(labels, 0, batch);

        MultiLayerNetwork network = ReferenceModels.build(request);
        if (DEFAULT_SETUP.equals(setup)) {
            network = Dl4jDefaults.copy(network);
        }
        TrainingLoop loop = new TrainingLoop(network, batch, request.getSeed());
        if (TRAINBUS_SETUP.equals(setup)) {
            loop.withNativeThreads(threads);
        }
        List<Double> rates = new ArrayList<>();
        loop.run(chunkFeatures, chunkLabels, validationFeatures, validationLabels, warmUp + chunks,
                result -> rates.add(result.imagesPerSecond()));
        ChunkRates timed = new ChunkRates(rates.subList(warmUp, rates.size()));

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("model", model);
        fields.put("batch", String.valueOf(batch));
        fields.put("setup", setup);
        fields.put("selected", selected);
        fields.put("loaded", NativeRuntime.loadedBuild());
        fields.put("runtime", NativeRuntime.describe().replace(' ', '_'));
        fields.put("helpers", helperNames(network));
        fields.put("threads", TRAINBUS_SETUP.equals(setup) ? String.valueOf(threads) : "default");
        fields.put("median", format(timed.median()));
        fields.put("min", format(timed.min()));
        fields.put("max", format(timed.max()));
        fields.put("chunks", rates.stream().map(TrainerThroughput::format).collect(Collectors.joining(",")));
        fields.put("chunkImages", String.valueOf(rows));
        fields.put("peakRssMb", String.valueOf(peakResidentMegabytes()));
        fields.put("trainFlopPerImage", String.valueOf(ModelFlops.trainingFlopPerImage(network,
                ReferenceModels.dataset(request).shape())));
        fields.put("gemmGflops", format(GemmRate.measure(1024, 8)));
        fields.put("helperGradientDifference", String.format(Locale.ROOT, "%.1e",
                HelperCheck.maxRelativeGradientDifference(network, validationFeatures, validationLabels)));
        System.out.println(PREFIX + fields.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ")));
        network.close();
    }

    private static INDArray rowsOf(INDArray matrix, long from, long to) {
        return matrix.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup().castTo(DataType.FLOAT);
    }

    /** Names the helper class of each layer that has one, or "none". */
    private static String helperNames(MultiLayerNetwork network) {
        String names = java.util.Arrays.stream(network.getLayers())
                .map(Layer::getHelper)
                .filter(java.util.Objects::nonNull)
                .map(helper -> helper.getClass().getSimpleName())
                .distinct()
                .collect(Collectors.joining(","));
        return names.isEmpty() ? "none" : names;
    }

    /** Returns the process's peak resident set size (VmHWM in /proc/self/status), or -1 where unavailable. */
    static long peakResidentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Float32 matrix-product rate through ND4J, with the calling thread's native thread setting. */
    static final class GemmRate {

        private GemmRate() {
        }

        /** Returns GFLOP/s of {@code reps} products of two n x n matrices, after one untimed product. */
        static double measure(int n, int reps) {
            INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
            INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
            INDArray c = Nd4j.create(DataType.FLOAT, n, n);
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            long started = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return 2.0 * n * n * n * reps / seconds / 1e9;
        }
    }
}
