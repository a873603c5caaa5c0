package io.trainbus.cli.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.trainbus.cli.ExitCodes;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trainbus report}: downloads the reports and pictures of an experiment or a job into a folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Downloads the JSON reports and PNG pictures of an experiment (with all its jobs) or of one "
                + "job from the evaluator's read API into a folder, and prints the path of every file written.",
                "Exit code 0 when everything was downloaded, 1 when the experiment or job is unknown or the API "
                        + "failed."})
public class ReportCommand implements Callable<Integer> {

    /** Exactly one of --experiment or --job. */
    static class Selection {
        @Option(names = "--experiment", paramLabel = "ID", required = true,
                description = "Download this experiment and every job of it.")
        String experimentId;

        @Option(names = "--job", paramLabel = "ID", required = true, description = "Download this job.")
        String jobId;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:TRAINBUS_API_URL:-http://localhost:8084}",
            description = "Base URL of the evaluator's read API. Default: $TRAINBUS_API_URL, else "
                    + "http://localhost:8084.")
    URI url;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "trainbus-reports",
            description = "Folder to write into; the experiment or job gets a folder of its own inside. "
                    + "Default: ${DEFAULT-VALUE}.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReportDownload download = new ReportDownload(new ReadApiClient(url));
        try {
            List<Path> written = selection.experimentId != null
                    ? download.experiment(selection.experimentId, out)
                    : download.job(selection.jobId, out);
            written.forEach(path -> stdout.println(path.toAbsolutePath()));
            stdout.flush();
            return ExitCodes.OK;
        } catch (ReadApiClient.ApiException | IllegalStateException e) {
            err.println(e.getMessage());
            return ExitCodes.FAILED;
        } catch (IOException e) {
            err.println("Writing into " + out.toAbsolutePath() + " failed: " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }
}
