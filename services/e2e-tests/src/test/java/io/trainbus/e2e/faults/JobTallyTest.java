package io.trainbus.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobTallyTest {

    @Test
    void jobWithoutFinalEventIsLost() {
        JobTally tally = new JobTally();
        tally.ingested();
        tally.epochCompleted(1);

        assertThat(tally.lost()).isTrue();
        assertThat(tally.completed()).isFalse();
    }

    @Test
    void failureWithoutReasonIsLost() {
        JobTally tally = new JobTally();
        tally.failed(" ");

        assertThat(tally.failedWithReason()).isFalse();
        assertThat(tally.lost()).isTrue();
    }

    @Test
    void redoneInterruptedEpochIsNotRepeatedWork() {
        JobTally tally = new JobTally();
        tally.epochCompleted(1);
        tally.epochCompleted(2);
        tally.epochCompleted(3);
        tally.trainingCompleted();
        tally.evaluationCompleted();

        assertThat(tally.completed()).isTrue();
        assertThat(tally.repeatedWork()).isEmpty();
    }

    @Test
    void repeatedEpochAndEventsAreRepeatedWork() {
        JobTally tally = new JobTally();
        tally.epochCompleted(1);
        tally.epochCompleted(1);
        tally.trainingCompleted();
        tally.trainingCompleted();
        tally.evaluationCompleted();
        tally.evaluationCompleted();

        assertThat(tally.repeatedWork()).containsExactly("2 TrainingCompleted", "2 EvaluationCompleted",
                "epoch 1 reported 2 times");
    }

    @Test
    void completionAndFailureConflict() {
        JobTally tally = new JobTally();
        tally.evaluationCompleted();
        tally.failed("Cancelled: job x");

        assertThat(tally.completed()).isTrue();
        assertThat(tally.failedWithReason()).isFalse();
        assertThat(tally.completedAndFailed()).isTrue();
    }

    @Test
    void repeatedStageEventsCountBeyondOne() {
        JobTally tally = new JobTally();
        tally.ingested();
        tally.ingested();
        tally.prepared();
        tally.prepared();
        tally.prepared();

        assertThat(tally.repeatedStageEvents()).isEqualTo(3);
    }
}
