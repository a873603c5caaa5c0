package io.trainbus.evaluator.messaging;

import java.nio.file.Path;
import java.time.Duration;

import com.google.protobuf.InvalidProtocolBufferException;
import io.trainbus.common.messaging.JobFailures;
import io.trainbus.common.outcome.StageOutcomes;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.evaluator.evaluation.EvaluationJob;
import io.trainbus.evaluator.evaluation.EvaluationResult;
import io.trainbus.evaluator.evaluation.EvaluatorConfig;
import io.trainbus.evaluator.metrics.EvaluationMetrics;
import io.trainbus.proto.v1.TrainingCompleted;
import io.trainbus.proto.v1.TrainingRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Evaluates one job per record and turns every failure into a {@code JobFailed} event. A record of a job that this
 * stage already ended is skipped, so a repeated {@code TrainingCompleted} gives one report and one
 * {@code EvaluationCompleted}. An evaluation interrupted before its event was published is redone in full.
 */
@ApplicationScoped
public class EvaluationHandler {

    static final String STAGE = "evaluator";
    private static final Logger LOG = Logger.getLogger(EvaluationHandler.class);

    @Inject
    ObjectStore store;

    @Inject
    EvaluatorEvents events;

    @Inject
    EvaluationMetrics metrics;

    @Inject
    EvaluatorConfig config;

    /**
     * Evaluates the job of one record and publishes {@code EvaluationCompleted}. Catches every failure, so the
     * consumer goes on with the next record.
     *
     * @param key the record key, the job id
     * @param value binary Protobuf {@code TrainingCompleted}
     */
    public void handle(String key, byte[] value) {
        TrainingCompleted completed;
        try {
            completed = TrainingCompleted.parseFrom(value == null ? new byte[0] : value);
        } catch (InvalidProtocolBufferException e) {
            fail(TrainingRequest.newBuilder().setJobId(key == null ? "" : key).build(), "The record with key "
                    + key + " is not a binary Protobuf TrainingCompleted: " + e.getMessage(), e);
            return;
        }
        TrainingRequest request = completed.getRequest();
        StageOutcomes outcomes = new StageOutcomes(store, STAGE);
        if (outcomes.alreadyEnded(request.getJobId())) {
            return;
        }
        try {
            long started = System.nanoTime();
            EvaluationJob job = new EvaluationJob(store, workRoot(), config.batchSize());
            EvaluationResult result = job.run(completed);
            events.evaluationCompleted(result.event());
            outcomes.record(request.getJobId(), StageOutcomes.COMPLETED);
            metrics.recordEvaluation(request.getModel(), result.score().accuracy(),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            fail(request, reason, e);
        }
    }

    private void fail(TrainingRequest request, String reason, Throwable cause) {
        // The failure event carries the job id and the stage in separate fields, so the reason gives only the cause.
        LOG.errorf(cause, "job=%s evaluation failed: %s", request.getJobId(), reason);
        metrics.recordFailure(request.getModel());
        try {
            events.jobFailed(JobFailures.of(request, STAGE, reason));
            new StageOutcomes(store, STAGE).record(request.getJobId(), StageOutcomes.FAILED);
        } catch (RuntimeException e) {
            LOG.errorf(e, "job=%s the JobFailed event could not be published", request.getJobId());
        }
    }

    private Path workRoot() {
        return config.workDir().orElse(Path.of(System.getProperty("java.io.tmpdir")));
    }
}
