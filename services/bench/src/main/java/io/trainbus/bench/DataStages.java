package io.trainbus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.trainbus.common.dataset.ImageShape;
import io.trainbus.common.dataset.RawManifest;
import io.trainbus.common.request.RequestDefaults;
import io.trainbus.ingestion.dataset.CifarLayout;
import io.trainbus.ingestion.dataset.CifarVerifier;
import io.trainbus.ingestion.dataset.VerifiedDataset;
import io.trainbus.ingestion.source.ArchiveExtractor;
import io.trainbus.models.ReferenceModels;
import io.trainbus.preprocessing.augment.AffineAugmenter;
import io.trainbus.preprocessing.augment.EpochAugmenter;
import io.trainbus.preprocessing.augment.TransformDraws;
import io.trainbus.preprocessing.prepare.Normalization;
import io.trainbus.preprocessing.prepare.RawFiles;
import io.trainbus.preprocessing.prepare.SplitPlan;
import io.trainbus.preprocessing.prepare.TensorPreparer;
import io.trainbus.proto.v1.TrainingRequest;

/**
 * Times the stages before training with the services' own classes, without Kafka or the object store: ingestion
 * unpacks and verifies the archive ({@link ArchiveExtractor}, {@link CifarVerifier}), preprocessing writes the
 * scaled and the z-scored tensors ({@link TensorPreparer}), and augmentation transforms the z-scored training split
 * ({@link EpochAugmenter}) as the preprocessing service does for the optimized CNN.
 */
final class DataStages {

    /** The reference split: 5,000 validation and 45,000 training records from the training files, 10,000 test. */
    static final SplitPlan PLAN = new SplitPlan(5_000, 45_000, 10_000);
    private static final long MAX_UNPACKED_BYTES = 1L << 30;
    /** Ingestion's default cap on archive entries; the CIFAR-10 archive has 9. */
    private static final int MAX_ARCHIVE_ENTRIES = 1000;

    private DataStages() {
    }

    /**
     * Rates of the stages.
     *
     * @param archiveMegabytes size of the archive, MB (10^6 bytes)
     * @param ingestionMegabytesPerSecond archive MB unpacked and verified per second
     * @param preprocessingImagesPerSecond images of all three splits written per second, per normalization
     * @param augmentationSerial augmented training images per second on one thread, one rate per epoch
     * @param augmentationParallel the same on every processor
     * @param threads processors used for the parallel rate
     */
    record Rates(double archiveMegabytes, double ingestionMegabytesPerSecond, double preprocessingImagesPerSecond,
            ChunkRates augmentationSerial, ChunkRates augmentationParallel, int threads) {
    }

    /**
     * Runs the stages into {@code work}, leaving the tensors in {@code work/tensors/scale} and
     * {@code work/tensors/zscore}.
     *
     * @param archive cifar-10-binary.tar.gz
     * @param work an empty folder
     * @param augmentationEpochs timed epochs per thread count, after one untimed epoch
     * @return the rates
     * @throws IOException when a file cannot be read or written
     * @throws InterruptedException when interrupted during augmentation
     */
    static Rates run(Path archive, Path work, int augmentationEpochs) throws IOException, InterruptedException {
        Path raw = Files.createDirectories(work.resolve("raw"));
        long started = System.nanoTime();
        new ArchiveExtractor(new CifarLayout().source(), MAX_UNPACKED_BYTES, MAX_ARCHIVE_ENTRIES)
                .extract(archive, raw);
        VerifiedDataset verified = CifarVerifier.verify(raw);
        double ingestionSeconds = seconds(started);
        double archiveMegabytes = Files.size(archive) / 1e6;

        RawFiles files = new RawFiles(raw, verified.shape(), verified.classNames().size(),
                verified.splits().get(RawManifest.TRAIN).files(), verified.splits().get(RawManifest.TEST).files());
        started = System.nanoTime();
        Path scale = Files.createDirectories(work.resolve("tensors").resolve("scale"));
        TensorPreparer.prepare(files, PLAN, scale, Normalization.SCALE);
        Path zscore = Files.createDirectories(work.resolve("tensors").resolve("zscore"));
        TensorPreparer.prepare(files, PLAN, zscore, Normalization.of("zscore", files, PLAN));
        double preprocessingRate = 2.0 * (PLAN.validation() + PLAN.train() + PLAN.test()) / seconds(started);

        Path features = zscore.resolve("train_x.npy");
        int processors = Runtime.getRuntime().availableProcessors();
        ChunkRates serial = augmentation(features, work.resolve("augmented.npy"), verified.shape(), 1,
                augmentationEpochs);
        ChunkRates parallel = augmentation(features, work.resolve("augmented.npy"), verified.shape(), processors,
                augmentationEpochs);
        Files.delete(work.resolve("augmented.npy"));
        return new Rates(archiveMegabytes, archiveMegabytes / ingestionSeconds, preprocessingRate, serial, parallel,
                processors);
    }

    /** Augments the training split once untimed and then {@code epochs} times, one rate per timed epoch. */
    private static ChunkRates augmentation(Path features, Path target, ImageShape shape, int threads, int epochs)
            throws IOException, InterruptedException {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            EpochAugmenter augmenter = new EpochAugmenter(new AffineAugmenter(shape.height(), shape.width(),
                    shape.channels()), executor);
            TrainingRequest request = RequestDefaults.apply(TrainingRequest.newBuilder().setJobId("bench")
                    .setModel(ReferenceModels.OPTIMIZED_CNN).build());
            List<Double> rates = new ArrayList<>();
            for (int epoch = 1; epoch <= epochs + 1; epoch++) {
                TransformDraws draws = new TransformDraws(request.getPreprocessing().getAugmentation(),
                        request.getSeed(), epoch, shape.height(), shape.width());
                long started = System.nanoTime();
                long rows = augmenter.augment(features, target, draws);
                if (epoch > 1) {
                    rates.add(rows / seconds(started));
                }
            }
            return new ChunkRates(rates);
        } finally {
            executor.shutdownNow();
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
