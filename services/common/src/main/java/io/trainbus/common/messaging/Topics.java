package io.trainbus.common.messaging;

/**
 * Kafka topic names. Every record on them is keyed by job id, so one job's events stay in order on one partition.
 * The services map these topics to SmallRye channels in their {@code application.properties}.
 */
public final class Topics {

    /** Training requests, binary Protobuf or the Protobuf JSON mapping of {@code TrainingRequest}. */
    public static final String REQUESTS = "trainbus.requests";
    /** {@code DatasetIngested}, from ingestion to preprocessing. */
    public static final String DATASETS_INGESTED = "trainbus.datasets.ingested";
    /** {@code DatasetPrepared}, from preprocessing to the trainer. */
    public static final String DATASETS_PREPARED = "trainbus.datasets.prepared";
    /** {@code EpochCompleted}, one per epoch and job, for followers and dashboards. */
    public static final String TRAINING_EPOCHS = "trainbus.training.epochs";
    /** {@code TrainingCompleted}, from the trainer to the evaluator. */
    public static final String TRAINING_COMPLETED = "trainbus.training.completed";
    /** {@code EvaluationCompleted}, the last event of a successful job. */
    public static final String EVALUATIONS = "trainbus.evaluations";
    /** {@code JobFailed}, the last event of a failed job, from any service. */
    public static final String JOBS_FAILED = "trainbus.jobs.failed";
    /**
     * {@code CancelJob}, binary Protobuf or its JSON mapping: stops a running job before its next batch. Every trainer
     * instance reads all of it.
     */
    public static final String JOBS_CANCEL = "trainbus.jobs.cancel";
    /** Original bytes of requests that were rejected, with the reason in the record headers. */
    public static final String REQUESTS_DEAD_LETTER = "trainbus.requests.dead-letter";

    /** Every topic, in pipeline order. */
    public static final java.util.List<String> ALL = java.util.List.of(
            REQUESTS, DATASETS_INGESTED, DATASETS_PREPARED, TRAINING_EPOCHS, TRAINING_COMPLETED, EVALUATIONS,
            JOBS_FAILED, REQUESTS_DEAD_LETTER, JOBS_CANCEL);

    private Topics() {
    }
}
