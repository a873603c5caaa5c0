package io.trainbus.cli.local;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.trainbus.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code trainbus local up}: starts the local stack and the four services and keeps them running, so that a
 * person can publish requests by hand (with {@code trainbus submit} or kcat). Everything stops on Ctrl-C, or when
 * any of the processes exits.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Starts Kafka, S3 and the four services as processes and keeps them running until Ctrl-C.",
                "Prints the Kafka address to publish requests to. Logs go to .trainbus/logs under --home."})
public class LocalUpCommand implements Callable<Integer> {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration EXIT_POLL = Duration.ofSeconds(1);

    @Mixin
    PipelineOptions pipelineOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DatasetSources sources;
        try {
            sources = pipelineOptions.datasetSources();
        } catch (LocalRunException e) {
            err.println(e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }

        ProcessSupervisor supervisor = new ProcessSupervisor(STOP_GRACE);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.printf("Stopping %d started process(es)%n", supervisor.running().size());
            err.flush();
            supervisor.stopAll();
        }, "trainbus-local-stop"));
        try {
            LocalPipeline pipeline = new LocalPipeline(new RunLayout(pipelineOptions.home), supervisor);
            StackEndpoints endpoints = pipeline.start(StorageCredentials.random(), sources,
                    pipelineOptions.startupTimeout);
            URI readApi = pipeline.serviceUrl(PipelineService.EVALUATOR);
            out.printf("trainbus is running: Kafka %s, S3 %s, read API %s/api/experiments%n",
                    endpoints.bootstrapServers(), endpoints.s3Endpoint(), readApi);
            out.printf("Publish a request with: trainbus submit --bootstrap-servers %s -f "
                    + "examples/requests/mlp-quick.json%n", endpoints.bootstrapServers());
            out.printf("Download its reports with: trainbus report --url %s --experiment ID%n", readApi);
            out.println("Press Ctrl-C to stop everything.");
            out.flush();
            return waitForAnExit(supervisor, err);
        } catch (LocalRunException e) {
            err.println(supervisor.stopRequested() ? "Stopped." : e.getMessage());
            return ExitCodes.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.FAILED;
        } finally {
            supervisor.stopAll();
        }
    }

    /** Blocks until Ctrl-C (the shutdown hook stops everything) or until a process exits on its own. */
    private static int waitForAnExit(ProcessSupervisor supervisor, PrintWriter err) throws InterruptedException {
        while (true) {
            for (ManagedProcess managed : supervisor.running()) {
                if (!managed.process().isAlive()) {
                    if (supervisor.stopRequested()) {
                        return ExitCodes.OK;
                    }
                    err.println(managed.exitedMessage("it was asked to stop"));
                    return ExitCodes.FAILED;
                }
            }
            Thread.sleep(EXIT_POLL.toMillis());
        }
    }
}
