package io.trainbus.cli.follow;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

import io.trainbus.cli.BrokerOption;
import io.trainbus.cli.DurationConverter;
import io.trainbus.cli.ExitCodes;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trainbus follow}: prints the progress of jobs until they end, then a table of the results. */
@Command(name = "follow", mixinStandardHelpOptions = true,
        description = {"Prints one line per epoch, evaluation and failure of the followed jobs, reading the event "
                + "topics from the beginning, then a results table once every job has ended.",
                "Exit code 0 when every job succeeded, 1 when a job failed or the timeout expired."})
public class FollowCommand implements Callable<Integer> {

    /** Exactly one of --experiment or --job. */
    static class Selection {
        @Option(names = "--experiment", paramLabel = "ID", required = true,
                description = "Follow the jobs of this experiment.")
        String experimentId;

        @Option(names = "--job", paramLabel = "ID", required = true,
                description = "Follow this job; repeat the option to follow several.")
        List<String> jobIds;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "0",
            description = "With --experiment: wait until N jobs have ended. Default: wait for every job seen.")
    int expectedJobs;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "24h", converter = DurationConverter.class,
            description = "Give up after this long, for example 90s, 30m or 2h. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Mixin
    BrokerOption broker;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (expectedJobs < 0) {
            spec.commandLine().getErr().printf("Invalid --jobs %d: it must be 0 or more.%n", expectedJobs);
            return ExitCodes.INVALID_INPUT;
        }
        FollowTarget target = selection.experimentId != null
                ? FollowTarget.experiment(selection.experimentId, expectedJobs)
                : FollowTarget.jobs(new LinkedHashSet<>(selection.jobIds));
        return run(new JobFollower(broker.bootstrapServers()), target, timeout, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }

    /**
     * Follows jobs and prints the results table; shared with {@code trainbus local run}.
     *
     * @param follower a follower connected to the right broker
     * @param target the jobs to follow
     * @param timeout how long to wait
     * @param out where progress lines and the table go
     * @param err where errors go
     * @return {@link ExitCodes#OK} when every job succeeded, else {@link ExitCodes#FAILED}
     */
    public static int run(JobFollower follower, FollowTarget target, Duration timeout, PrintWriter out,
            PrintWriter err) {
        FollowState state = new FollowState(target);
        boolean ended;
        try {
            out.printf("Following %s (timeout %s)%n", target.describe(), DurationConverter.format(timeout));
            out.flush();
            ended = follower.follow(state, timeout, out);
        } catch (JobFollower.FollowException e) {
            err.println(e.getMessage());
            return ExitCodes.FAILED;
        }
        if (!state.outcomes().isEmpty()) {
            out.println();
            out.print(ResultsTable.render(state.outcomes()));
            out.flush();
        }
        if (!ended) {
            String pending = state.describePending();
            err.printf("Timed out after %s waiting for %s; still running: %s. Raise --timeout or check the "
                    + "services' logs.%n", DurationConverter.format(timeout), target.describe(),
                    pending.isEmpty() ? "no job of it has published an event yet" : pending);
            return ExitCodes.FAILED;
        }
        return state.allSucceeded() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
