package io.trainbus.cli.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.EvaluationCompleted;
import io.trainbus.proto.v1.JobFailed;
import org.junit.jupiter.api.Test;

class FollowStateTest {

    private static EpochCompleted epoch(String jobId, String experimentId, int number) {
        return EpochCompleted.newBuilder().setJobId(jobId).setExperimentId(experimentId).setModel("cnn")
                .setEpoch(number).setEpochs(5).build();
    }

    private static EvaluationCompleted evaluation(String jobId, String experimentId) {
        return EvaluationCompleted.newBuilder().setJobId(jobId).setExperimentId(experimentId).setModel("cnn")
                .build();
    }

    private static JobFailed failure(String jobId, String experimentId) {
        return JobFailed.newBuilder().setJobId(jobId).setExperimentId(experimentId).setStage("trainer")
                .setReason("boom").build();
    }

    @Test
    void namedJobsFinishWhenAllEnded() {
        FollowState state = new FollowState(FollowTarget.jobs(Set.of("a", "b")));

        state.accept(evaluation("a", "x"));
        assertThat(state.finished()).isFalse();
        state.accept(failure("b", "x"));

        assertThat(state.finished()).isTrue();
        assertThat(state.allSucceeded()).isFalse();
    }

    @Test
    void eventsOfOtherJobsAreIgnored() {
        FollowState state = new FollowState(FollowTarget.jobs(Set.of("a")));

        assertThat(state.accept(epoch("other", "x", 1))).isEmpty();
        assertThat(state.accept(evaluation("other", "x"))).isEmpty();
        assertThat(state.finished()).isFalse();
        assertThat(state.outcomes()).isEmpty();
    }

    @Test
    void repeatedEpochIsPrintedOnce() {
        FollowState state = new FollowState(FollowTarget.jobs(Set.of("a")));

        assertThat(state.accept(epoch("a", "x", 1))).isPresent();
        assertThat(state.accept(epoch("a", "x", 1))).isEmpty();
        assertThat(state.accept(epoch("a", "x", 2))).isPresent();
    }

    @Test
    void secondEndOfJobIsIgnored() {
        FollowState state = new FollowState(FollowTarget.jobs(Set.of("a")));

        assertThat(state.accept(evaluation("a", "x"))).isPresent();
        assertThat(state.accept(failure("a", "x"))).isEmpty();
        assertThat(state.allSucceeded()).isTrue();
    }

    @Test
    void experimentWithExpectedCountWaitsForThatMany() {
        FollowState state = new FollowState(FollowTarget.experiment("x", 2));

        state.accept(evaluation("a", "x"));
        assertThat(state.finished()).isFalse();
        assertThat(state.describePending()).isEqualTo("1 job(s) with no event yet");
        state.accept(evaluation("b", "y"));
        assertThat(state.finished()).isFalse();
        state.accept(evaluation("c", "x"));

        assertThat(state.finished()).isTrue();
        assertThat(state.outcomes()).extracting(JobOutcome::jobId).containsExactly("a", "c");
    }

    @Test
    void experimentWithoutCountWaitsForJobsSeen() {
        FollowState state = new FollowState(FollowTarget.experiment("x", 0));
        assertThat(state.finished()).isFalse();

        state.accept(epoch("a", "x", 1));
        state.accept(epoch("b", "x", 1));
        state.accept(evaluation("a", "x"));
        assertThat(state.finished()).isFalse();
        assertThat(state.describePending()).isEqualTo("b (epoch 1/5)");
        state.accept(evaluation("b", "x"));

        assertThat(state.finished()).isTrue();
        assertThat(state.allSucceeded()).isTrue();
    }

    @Test
    void failureUsesModelFromEarlierEpoch() {
        FollowState state = new FollowState(FollowTarget.jobs(Set.of("a")));
        state.accept(epoch("a", "x", 1));

        String line = state.accept(failure("a", "x")).orElseThrow();

        assertThat(line).startsWith("[cnn] Job a failed in trainer");
        assertThat(state.outcomes().get(0).model()).isEqualTo("cnn");
    }

    @Test
    void failureNamesModelOfItsRequest() {
        FollowState state = new FollowState(FollowTarget.jobs(Set.of("a")));

        String line = state.accept(failure("a", "x").toBuilder().setStage("ingestion").setModel("mlp").build())
                .orElseThrow();

        assertThat(line).startsWith("[mlp] Job a failed in ingestion");
        assertThat(state.outcomes().get(0).model()).isEqualTo("mlp");
    }

    @Test
    void pendingShowsTrainedJobAwaitingEvaluation() {
        FollowState state = new FollowState(FollowTarget.jobs(Set.of("a")));
        state.accept(epoch("a", "x", 5));

        assertThat(state.describePending()).isEqualTo("a (trained 5 epochs, not evaluated yet)");
    }

    @Test
    void outcomesFollowOrderOfNamedJobs() {
        FollowState state = new FollowState(FollowTarget.jobs(new java.util.LinkedHashSet<>(List.of("m", "c"))));

        state.accept(evaluation("c", "x"));
        state.accept(evaluation("m", "x"));

        assertThat(state.outcomes()).extracting(JobOutcome::jobId).containsExactly("m", "c");
    }

    @Test
    void pendingNamesJobsWithoutEvents() {
        FollowState state = new FollowState(FollowTarget.jobs(Set.of("a")));

        assertThat(state.describePending()).isEqualTo("a (no epoch yet)");
    }
}
