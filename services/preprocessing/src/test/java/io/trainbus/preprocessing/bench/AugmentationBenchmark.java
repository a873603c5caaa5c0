package io.trainbus.preprocessing.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.dataset.ImageRecord;
import io.trainbus.common.dataset.ImageShape;
import io.trainbus.common.dataset.RecordReader;
import io.trainbus.common.request.RequestDefaults;
import io.trainbus.models.ReferenceModels;
import io.trainbus.preprocessing.augment.AffineAugmenter;
import io.trainbus.preprocessing.augment.EpochAugmenter;
import io.trainbus.preprocessing.augment.NpyFiles;
import io.trainbus.preprocessing.augment.TransformDraws;
import io.trainbus.preprocessing.prepare.Encoding;
import io.trainbus.preprocessing.prepare.Normalization;
import io.trainbus.preprocessing.prepare.NpyTensorWriter;
import io.trainbus.preprocessing.prepare.PixelStatistics;
import io.trainbus.proto.v1.TrainingRequest;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Prints augmented images per second on real CIFAR-10 training images, with one thread and with every available
 * processor, next to the images per second of the trainer's optimized CNN on a few batches of 64 augmented images.
 * Run it with {@code make bench-augmentation}. Arguments: the path of cifar-10-binary.tar.gz, then optionally
 * {@code --rows N} (training images, default 10000), {@code --epochs N} (timed epochs per thread count, default 3)
 * and {@code --batches N} (timed trainer batches, default 8; 0 skips the trainer).
 */
public final class AugmentationBenchmark {

    private static final int BATCH = 64;
    private static final int WARM_UP_BATCHES = 2;

    private AugmentationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("Missing the path of cifar-10-binary.tar.gz; pass it as the first "
                    + "argument.");
        }
        Path archive = Path.of(args[0]);
        int rows = intOption(args, "--rows", 10_000);
        int epochs = intOption(args, "--epochs", 3);
        int batches = intOption(args, "--batches", 8);

        Path work = Files.createTempDirectory("trainbus-bench-augmentation");
        Path features = work.resolve("train_x.npy");
        List<ImageRecord> records = readTrainingRecords(archive, rows);
        writeStandardised(records, features);
        System.out.printf(Locale.ROOT, "%d real CIFAR-10 training images from %s, z-scored, in %s%n", records.size(),
                archive, features);

        int processors = Runtime.getRuntime().availableProcessors();
        double serial = augmentationRate(features, work, 1, epochs);
        double parallel = augmentationRate(features, work, processors, epochs);
        System.out.printf(Locale.ROOT, "augmentation, 1 thread:   %8.0f images/s%n", serial);
        System.out.printf(Locale.ROOT, "augmentation, %d threads: %8.0f images/s%n", processors, parallel);
        if (batches > 0) {
            double trainer = trainerRate(work.resolve("augmented-1.npy"), records, batches);
            System.out.printf(Locale.ROOT, "trainer, %s, batch %d: %8.1f images/s (%d batches after %d warm-up)%n",
                    ReferenceModels.OPTIMIZED_CNN, BATCH, trainer, batches, WARM_UP_BATCHES);
            System.out.printf(Locale.ROOT, "augmentation with %d threads is %.0f times the trainer's rate%n",
                    processors, parallel / trainer);
        }
        try (var files = Files.list(work)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(work);
    }

    /** Augments every image {@code epochs} times and returns images per second, after one untimed epoch. */
    private static double augmentationRate(Path features, Path work, int threads, int epochs) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            ImageShape shape = CifarFormat.SHAPE;
            EpochAugmenter augmenter = new EpochAugmenter(new AffineAugmenter(shape.height(), shape.width(),
                    shape.channels()), executor);
            TrainingRequest request = RequestDefaults.apply(TrainingRequest.newBuilder()
                    .setJobId("bench").setModel(ReferenceModels.OPTIMIZED_CNN).build());
            Path target = work.resolve("augmented-" + threads + ".npy");
            long images = 0;
            long started = 0;
            for (int epoch = 0; epoch <= epochs; epoch++) {
                if (epoch == 1) {
                    started = System.nanoTime();
                }
                TransformDraws draws = new TransformDraws(request.getPreprocessing().getAugmentation(),
                        request.getSeed(), epoch + 1, shape.height(), shape.width());
                long rows = augmenter.augment(features, target, draws);
                images += epoch > 0 ? rows : 0;
            }
            return images / ((System.nanoTime() - started) / 1e9);
        } finally {
            executor.shutdownNow();
        }
    }

    /** Trains the optimized CNN on batches of augmented images and returns images per second after warm-up. */
    private static double trainerRate(Path augmented, List<ImageRecord> records, int batches) throws IOException {
        TrainingRequest request = RequestDefaults.apply(TrainingRequest.newBuilder()
                .setJobId("bench").setModel(ReferenceModels.OPTIMIZED_CNN).build());
        MultiLayerNetwork network = ReferenceModels.build(request);
        float[][] images = NpyFiles.read(augmented);
        long started = 0;
        for (int batch = 0; batch < WARM_UP_BATCHES + batches; batch++) {
            if (batch == WARM_UP_BATCHES) {
                started = System.nanoTime();
            }
            network.fit(batch(images, records, (batch * BATCH) % (images.length - BATCH)));
        }
        return (double) batches * BATCH / ((System.nanoTime() - started) / 1e9);
    }

    private static DataSet batch(float[][] images, List<ImageRecord> records, int first) {
        float[][] labels = new float[BATCH][CifarFormat.CLASS_COUNT];
        float[][] inputs = new float[BATCH][];
        for (int i = 0; i < BATCH; i++) {
            inputs[i] = images[first + i];
            Encoding.oneHot(records.get(first + i).label(), labels[i]);
        }
        return new DataSet(Nd4j.create(inputs), Nd4j.create(labels));
    }

    private static void writeStandardised(List<ImageRecord> records, Path target) throws IOException {
        PixelStatistics statistics = new PixelStatistics();
        records.forEach(record -> statistics.add(record.pixels()));
        Normalization normalization = Normalization.zscore(statistics);
        float[] row = new float[CifarFormat.PIXEL_BYTES];
        try (NpyTensorWriter writer = new NpyTensorWriter(target, records.size(), CifarFormat.PIXEL_BYTES)) {
            for (ImageRecord record : records) {
                normalization.apply(record.pixels(), row);
                writer.writeRow(row);
            }
            writer.finish();
        }
    }

    /** Reads the first {@code count} records of the training files, in file order, from the archive. */
    private static List<ImageRecord> readTrainingRecords(Path archive, int count) throws IOException {
        List<ImageRecord> records = new ArrayList<>();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null && records.size() < count;
                    entry = tar.getNextEntry()) {
                String name = Path.of(entry.getName()).getFileName().toString();
                if (!entry.isFile() || !CifarFormat.TRAIN_FILES.contains(name)) {
                    continue;
                }
                RecordReader reader = new RecordReader(tar, name, CifarFormat.SHAPE, CifarFormat.CLASS_COUNT);
                for (ImageRecord record = reader.next(); record != null && records.size() < count;
                        record = reader.next()) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    private static int intOption(String[] args, String name, int fallback) {
        for (int i = 1; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
