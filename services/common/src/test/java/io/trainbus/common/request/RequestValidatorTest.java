package io.trainbus.common.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.trainbus.proto.v1.DatasetSpec;
import io.trainbus.proto.v1.OptimizerSpec;
import io.trainbus.proto.v1.TrainingRequest;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {

    private static TrainingRequest.Builder minimal(String model) {
        return TrainingRequest.newBuilder().setJobId("job-1").setModel(model);
    }

    @Test
    void defaultsFollowReferenceStudy() {
        TrainingRequest cnn = RequestDefaults.apply(minimal("cnn").build());
        TrainingRequest mlp = RequestDefaults.apply(minimal("mlp").build());

        assertThat(cnn.getEpochs()).isEqualTo(20);
        assertThat(mlp.getEpochs()).isEqualTo(100);
        assertThat(cnn.getBatchSize()).isEqualTo(32);
        assertThat(cnn.getExperimentId()).isEqualTo("job-1");
        assertThat(cnn.getDataset().getName()).isEqualTo("cifar-10");
        assertThat(cnn.getDataset().getValidationSize()).isEqualTo(5000);
        assertThat(cnn.getOptimizer().getName()).isEqualTo("rmsprop");
        assertThat(cnn.getOptimizer().getLearningRate()).isEqualTo(0.001);
        assertThat(cnn.getOptimizer().getRho()).isEqualTo(0.9);
        assertThat(cnn.getOptimizer().getEpsilon()).isEqualTo(1e-7);
        assertThatCode(() -> RequestValidator.validate(cnn)).doesNotThrowAnyException();
    }

    @Test
    void defaultsKeepExplicitValues() {
        TrainingRequest request = RequestDefaults.apply(minimal("cnn").setEpochs(0).setBatchSize(64)
                .setDataset(DatasetSpec.newBuilder().setValidationSize(100).setTrainLimit(1000)).build());

        assertThat(request.getEpochs()).isZero();
        assertThat(request.getBatchSize()).isEqualTo(64);
        assertThat(request.getDataset().getValidationSize()).isEqualTo(100);
    }

    @Test
    void rejectsZeroEpochsNamingField() {
        InvalidRequestException error = rejection(minimal("cnn").setEpochs(0));

        assertThat(error.field()).isEqualTo("epochs");
        assertThat(error.value()).isEqualTo("0");
        assertThat(error.getMessage()).contains("epochs").contains("'0'").contains("from 1 to");
    }

    @Test
    void rejectsUnknownModelListingKnownOnes() {
        InvalidRequestException error = rejection(minimal("resnet"));

        assertThat(error.field()).isEqualTo("model");
        assertThat(error.getMessage()).contains("resnet").contains("mlp").contains("cnn");
    }

    @Test
    void rejectsBatchLargerThanTrainingSet() {
        InvalidRequestException error = rejection(minimal("mlp").setBatchSize(900)
                .setDataset(DatasetSpec.newBuilder().setTrainLimit(1000).setValidationSize(200)));

        assertThat(error.field()).isEqualTo("batch_size");
        assertThat(error.getMessage()).contains("from 1 to 800");
    }

    @Test
    void rejectsValidationThatLeavesNoTrainingData() {
        InvalidRequestException error = rejection(minimal("mlp")
                .setDataset(DatasetSpec.newBuilder().setTrainLimit(1000).setValidationSize(1000)));

        assertThat(error.field()).isEqualTo("dataset.validation_size");
        assertThat(error.getMessage()).contains("from 1 to 999");
    }

    @Test
    void rejectsNonPositiveLearningRateAndUnknownOptimizer() {
        assertThat(rejection(minimal("mlp").setOptimizer(OptimizerSpec.newBuilder().setLearningRate(0))).field())
                .isEqualTo("optimizer.learning_rate");
        assertThat(rejection(minimal("mlp").setOptimizer(OptimizerSpec.newBuilder().setName("adagrad"))).field())
                .isEqualTo("optimizer.name");
    }

    @Test
    void rejectsBadJobIdAndAbsurdValues() {
        assertThat(rejection(minimal("mlp").setJobId("../etc")).field()).isEqualTo("job_id");
        assertThat(rejection(minimal("mlp").setJobId("")).field()).isEqualTo("job_id");
        assertThat(rejection(minimal("mlp").setJobId("..")).field()).isEqualTo("job_id");
        assertThat(rejection(minimal("mlp").setExperimentId(".")).field()).isEqualTo("experiment_id");
        assertThat(rejection(minimal("mlp").setEpochs(1_000_000)).field()).isEqualTo("epochs");
        assertThat(rejection(minimal("mlp").setDataset(DatasetSpec.newBuilder().setName("imagenet"))).field())
                .isEqualTo("dataset.name");
        assertThat(rejection(minimal("mlp").setDataset(DatasetSpec.newBuilder().setTestLimit(20_000))).field())
                .isEqualTo("dataset.test_limit");
    }

    @Test
    void rejectsNegativeEpochsAndBatch() {
        assertThat(rejection(minimal("mlp").setEpochs(-3)).value()).isEqualTo("-3");
        assertThat(rejection(minimal("mlp").setBatchSize(-1)).field()).isEqualTo("batch_size");
        assertThat(rejection(minimal("cnn").setBatchSize(Integer.MAX_VALUE)).field()).isEqualTo("batch_size");
    }

    @Test
    void rejectsSourceWithControlCharacters() {
        InvalidRequestException error = rejection(minimal("mlp").setDataset(
                DatasetSpec.newBuilder().setSource("https://www.cs.toronto.edu/a\nforged log line")));

        assertThat(error.field()).isEqualTo("dataset.source");
        assertThat(error.getMessage()).contains("\\u000a").doesNotContain("\n");
        assertThat(rejection(minimal("mlp").setDataset(DatasetSpec.newBuilder().setSource("x".repeat(3000))))
                .getMessage()).contains("3000 characters");
    }

    private static InvalidRequestException rejection(TrainingRequest.Builder builder) {
        InvalidRequestException error = catchThrowableOfType(InvalidRequestException.class,
                () -> RequestValidator.validate(RequestDefaults.apply(builder.build())));
        assertThat(error).as("request should be rejected: %s", builder).isNotNull();
        return error;
    }
}
