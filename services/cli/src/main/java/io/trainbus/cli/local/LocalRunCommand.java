package io.trainbus.cli.local;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import io.trainbus.cli.DurationConverter;
import io.trainbus.cli.ExitCodes;
import io.trainbus.cli.follow.FollowCommand;
import io.trainbus.cli.follow.FollowTarget;
import io.trainbus.cli.follow.JobFollower;
import io.trainbus.cli.report.ReadApiClient;
import io.trainbus.cli.submit.RequestPublisher;
import io.trainbus.common.dataset.OfficialDownloads;
import io.trainbus.common.request.InvalidRequestException;
import io.trainbus.common.request.RequestDefaults;
import io.trainbus.proto.v1.TrainingRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trainbus local run}: the reference experiment on this machine. Starts the local stack and the four
 * services, submits an MLP and a CNN job, follows them to the results table, downloads the experiment's reports and
 * pictures to {@code .trainbus/reports}, and stops every process it started, also on Ctrl-C and on errors.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Starts Kafka, S3 and the four services as processes, trains the MLP and the CNN on "
                + "CIFAR-10, prints their progress and a results table, downloads the reports and pictures, then "
                + "stops everything it started.",
                "Logs go to .trainbus/logs and reports to .trainbus/reports under --home. Exit code 0 when both jobs "
                        + "succeeded and their reports were downloaded."})
public class LocalRunCommand implements Callable<Integer> {

    /** URL of the official CIFAR-10 binary archive, which ingestion downloads when no local copy is given. */
    public static final String CIFAR10_URL = OfficialDownloads.CIFAR10_URL;
    /** Folder where the Debian package dataset-fashion-mnist installs the four IDX files. */
    public static final String FASHION_MNIST_FOLDER = "/usr/share/datasets/fashion-mnist";
    /** Base URL of the official Fashion-MNIST download, below which the four .gz files are served. */
    public static final String FASHION_MNIST_URL = OfficialDownloads.FASHION_MNIST_URL;

    private static final Duration QUICK_TIMEOUT = Duration.ofHours(2);
    private static final Duration FULL_TIMEOUT = Duration.ofDays(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Mixin
    PipelineOptions pipelineOptions;

    @Option(names = "--mlp-epochs", paramLabel = "N", defaultValue = "2",
            description = "Epochs of the MLP job. Default: ${DEFAULT-VALUE}.")
    int mlpEpochs;

    @Option(names = "--cnn-epochs", paramLabel = "N", defaultValue = "2",
            description = "Epochs of the CNN job. Default: ${DEFAULT-VALUE}.")
    int cnnEpochs;

    @Option(names = "--full",
            description = "Run the full protocol: 100 MLP and 20 CNN epochs; overrides --mlp-epochs/--cnn-epochs.")
    boolean full;

    @Option(names = "--train-limit", paramLabel = "N", defaultValue = "0",
            description = "Train on the first N training records only (validation is a tenth of them); "
                    + "0 means all. Default: ${DEFAULT-VALUE}.")
    int trainLimit;

    @Option(names = "--test-limit", paramLabel = "N", defaultValue = "0",
            description = "Evaluate on the first N test records only; 0 means all. Default: ${DEFAULT-VALUE}.")
    int testLimit;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Give up waiting for the jobs after this long, for example 90m. Default: 2h, or 3d "
                    + "with --full.")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<TrainingRequest> requests;
        DatasetSources sources;
        try {
            requests = experiment().requests(System.currentTimeMillis());
            sources = pipelineOptions.datasetSources();
        } catch (InvalidRequestException | LocalRunException e) {
            err.println(e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }

        ProcessSupervisor supervisor = new ProcessSupervisor(STOP_GRACE);
        // Runs on Ctrl-C or SIGTERM. Quarkus may already have shut its logging down by then, so this writes
        // to the command's error stream.
        Thread stopOnExit = new Thread(() -> {
            err.printf("Stopping %d started process(es)%n", supervisor.running().size());
            err.flush();
            supervisor.stopAll();
        }, "trainbus-local-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            RunLayout layout = new RunLayout(pipelineOptions.home);
            LocalPipeline pipeline = new LocalPipeline(layout, supervisor);
            StackEndpoints endpoints = pipeline.start(StorageCredentials.random(), sources,
                    pipelineOptions.startupTimeout);
            submit(endpoints.bootstrapServers(), requests, out);
            Set<String> jobIds = new LinkedHashSet<>();
            requests.forEach(request -> jobIds.add(request.getJobId()));
            int exitCode = FollowCommand.run(new JobFollower(endpoints.bootstrapServers()), FollowTarget.jobs(jobIds),
                    effectiveTimeout(), out, err);
            return downloadReports(pipeline, layout, requests, exitCode, out, err);
        } catch (LocalRunException | RequestPublisher.PublishException e) {
            // After Ctrl-C the processes exit because the shutdown hook stopped them, which is no error of theirs.
            err.println(supervisor.stopRequested() ? "Stopped before the run finished." : e.getMessage());
            return ExitCodes.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("Interrupted; stopping every started process.");
            return ExitCodes.FAILED;
        } finally {
            supervisor.stopAll();
            removeHook(stopOnExit);
        }
    }

    /**
     * Copies the experiment's reports and pictures to {@code .trainbus/reports} while the evaluator still runs.
     * A failed download turns a successful run into a failed one, since the run's results would be missing.
     */
    private static int downloadReports(LocalPipeline pipeline, RunLayout layout, List<TrainingRequest> requests,
            int exitCode, PrintWriter out, PrintWriter err) throws InterruptedException {
        String experimentId = requests.get(0).getExperimentId();
        ReadApiClient api = new ReadApiClient(pipeline.serviceUrl(PipelineService.EVALUATOR));
        try {
            new RunReports(api).download(experimentId, requests.size(), layout.reportsDir(), out);
            return exitCode;
        } catch (ReadApiClient.ApiException | IOException | IllegalStateException e) {
            err.printf("Downloading the reports of experiment %s failed: %s%n", experimentId, e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    private ReferenceExperiment experiment() {
        String experimentId = "reference-" + LocalDateTime.now().format(STAMP);
        int mlp = full ? RequestDefaults.DEFAULT_EPOCHS.get("mlp") : mlpEpochs;
        int cnn = full ? RequestDefaults.DEFAULT_EPOCHS.get("cnn") : cnnEpochs;
        return new ReferenceExperiment(experimentId, mlp, cnn, trainLimit, testLimit);
    }

    private Duration effectiveTimeout() {
        if (timeout != null) {
            return timeout;
        }
        return full ? FULL_TIMEOUT : QUICK_TIMEOUT;
    }

    private static void submit(String bootstrapServers, List<TrainingRequest> requests, PrintWriter out)
            throws RequestPublisher.PublishException {
        try (RequestPublisher publisher = new RequestPublisher(bootstrapServers)) {
            for (TrainingRequest request : requests) {
                publisher.publish(request, RequestPublisher.Format.JSON);
                out.printf("Submitted job %s (model %s, epochs %d, experiment %s)%n", request.getJobId(),
                        request.getModel(), request.getEpochs(), request.getExperimentId());
            }
            out.flush();
        }
    }

    /**
     * Turns a local path into an absolute one, because the services run in their own working folder, and checks
     * that it exists. URLs are returned unchanged once they parse, because ingestion checks the contents itself.
     *
     * @param option the command-line option, named in the error message
     * @param source path, {@code file:} URI or http(s) URL
     * @return the absolute path or the URL
     * @throws LocalRunException naming the option when the path does not exist or the URL is malformed
     */
    static String resolveSource(String option, String source) throws LocalRunException {
        String lower = source.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("file:")) {
            try {
                URI.create(source);
            } catch (IllegalArgumentException e) {
                throw new LocalRunException("Invalid " + option + " URL '" + source + "': " + e.getMessage(), e);
            }
            return source;
        }
        Path path = Path.of(source).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path) && !Files.isDirectory(path)) {
            throw new LocalRunException("Dataset archive or folder " + path + " not found. Pass " + option
                    + " with the path of an archive or a folder holding the dataset files, or a URL"
                    + (option.equals("--cifar10") ? " such as " + CIFAR10_URL + " (CIFAR10= for make run)." : "."));
        }
        return path.toString();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down (Ctrl-C), and the hook is running or has run.
        }
    }
}
