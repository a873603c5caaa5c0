package io.trainbus.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.trainbus.common.request.InvalidRequestException;
import io.trainbus.proto.v1.TrainingRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks a local run makes before it starts any process. */
class LocalRunSetupTest {

    @TempDir
    Path home;

    @Test
    void missingJarsAreListedWithBuildHint() throws Exception {
        Path stackJar = home.resolve("services/localstack/target/trainbus-localstack.jar");
        Files.createDirectories(stackJar.getParent());
        Files.writeString(stackJar, "");

        assertThatThrownBy(() -> new RunLayout(home).checkJars())
                .isInstanceOf(LocalRunException.class)
                .hasMessageContaining("services/trainer/target/quarkus-app/quarkus-run.jar")
                .hasMessageContaining("services/ingestion/target/quarkus-app/quarkus-run.jar")
                .hasMessageNotContaining("trainbus-localstack.jar")
                .hasMessageContaining("make build");
    }

    @Test
    void presentJarsPassCheck() throws Exception {
        RunLayout layout = new RunLayout(home);
        List<Path> jars = new java.util.ArrayList<>(List.of(layout.localStackJar()));
        for (PipelineService service : PipelineService.values()) {
            jars.add(layout.serviceJar(service));
        }
        for (Path jar : jars) {
            Files.createDirectories(jar.getParent());
            Files.writeString(jar, "");
        }

        layout.checkJars();

        assertThat(layout.logFile("trainer")).isEqualTo(home.resolve(".trainbus/logs/trainer.log"));
    }

    @Test
    void experimentHasMlpAndCnnJobs() throws Exception {
        List<TrainingRequest> requests = new ReferenceExperiment("reference-1", 3, 2, 0, 0).requests(1L);

        assertThat(requests).extracting(TrainingRequest::getModel).containsExactly("mlp", "cnn");
        assertThat(requests).extracting(TrainingRequest::getJobId)
                .containsExactly("reference-1-mlp", "reference-1-cnn");
        assertThat(requests).extracting(TrainingRequest::getExperimentId).containsOnly("reference-1");
        assertThat(requests).extracting(TrainingRequest::getEpochs).containsExactly(3, 2);
        assertThat(requests.get(0).getDataset().getValidationSize()).isEqualTo(5000);
        assertThat(requests.get(0).getDataset().getTrainLimit()).isZero();
    }

    @Test
    void trainLimitShrinksValidationToTenth() throws Exception {
        TrainingRequest mlp = new ReferenceExperiment("r", 1, 1, 2000, 500).requests(1L).get(0);

        assertThat(mlp.getDataset().getTrainLimit()).isEqualTo(2000);
        assertThat(mlp.getDataset().getValidationSize()).isEqualTo(200);
        assertThat(mlp.getDataset().getTestLimit()).isEqualTo(500);
    }

    @Test
    void zeroEpochsIsRejectedNamingField() {
        assertThatThrownBy(() -> new ReferenceExperiment("r", 0, 2, 0, 0).requests(1L))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("epochs");
    }

    @Test
    void readyLineGivesEndpoints() throws Exception {
        StackEndpoints endpoints = StackEndpoints.parse("READY kafka=127.0.0.1:40001 s3=http://127.0.0.1:40002");

        assertThat(endpoints.bootstrapServers()).isEqualTo("127.0.0.1:40001");
        assertThat(endpoints.s3Endpoint()).isEqualTo("http://127.0.0.1:40002");
    }

    @Test
    void readyLineWithoutKafkaIsRejected() {
        assertThatThrownBy(() -> StackEndpoints.parse("READY s3=http://127.0.0.1:1"))
                .isInstanceOf(LocalRunException.class)
                .hasMessageContaining("kafka=");
    }

    @Test
    void datasetPathOrFolderMustExist() throws Exception {
        Path archive = home.resolve("cifar-10-binary.tar.gz");
        Files.writeString(archive, "");

        assertThat(LocalRunCommand.resolveSource("--cifar10", archive.toString())).isEqualTo(archive.toString());
        assertThat(LocalRunCommand.resolveSource("--fashion-mnist", home.toString())).isEqualTo(home.toString());
        assertThat(LocalRunCommand.resolveSource("--cifar10", LocalRunCommand.CIFAR10_URL))
                .isEqualTo(LocalRunCommand.CIFAR10_URL);
        assertThatThrownBy(() -> LocalRunCommand.resolveSource("--cifar10", home.resolve("missing.tar.gz")
                .toString()))
                .isInstanceOf(LocalRunException.class)
                .hasMessageContaining("missing.tar.gz")
                .hasMessageContaining("--cifar10");
        assertThatThrownBy(() -> LocalRunCommand.resolveSource("--fashion-mnist", home.resolve("no-such-folder")
                .toString()))
                .isInstanceOf(LocalRunException.class)
                .hasMessageContaining("no-such-folder")
                .hasMessageContaining("--fashion-mnist");
    }

    @Test
    void environmentAllowsExactlyGivenSources() {
        assertThat(IngestionSourceAccess.environment(List.of("/data/cifar,10/cifar-10-binary.tar.gz",
                "file:///usr/share/datasets/fashion-mnist"), Map.of()))
                .containsExactly(Map.entry(IngestionSourceAccess.ALLOWED_ROOTS,
                        "/data/cifar\\,10/cifar-10-binary.tar.gz,/usr/share/datasets/fashion-mnist"));
        assertThat(IngestionSourceAccess.environment(List.of("http://127.0.0.1:8000/c.tar.gz",
                "/data/fashion"), Map.of()))
                .containsExactly(Map.entry(IngestionSourceAccess.ALLOWED_ORIGINS,
                        "https://www.cs.toronto.edu,http://fashion-mnist.s3-website.eu-central-1.amazonaws.com,"
                                + "http://127.0.0.1:8000"),
                        Map.entry(IngestionSourceAccess.ALLOWED_ROOTS, "/data/fashion"));
        assertThat(IngestionSourceAccess.environment(List.of("http:///no-host.tar.gz"), Map.of())).isEmpty();
        // The official downloads are allowed by ingestion's defaults, so nothing needs to be set for them.
        assertThat(IngestionSourceAccess.environment(List.of(LocalRunCommand.CIFAR10_URL,
                LocalRunCommand.FASHION_MNIST_URL), Map.of())).isEmpty();
    }

    @Test
    void userAllowListEntriesAreKept() {
        Map<String, String> inherited = Map.of(IngestionSourceAccess.ALLOWED_ROOTS, "/tmp/my-data",
                IngestionSourceAccess.ALLOWED_ORIGINS, "https://mirror.example, http://127.0.0.1:9000");

        Map<String, String> environment = IngestionSourceAccess.environment(List.of("/data/cifar",
                "http://127.0.0.1:8000/fashion/"), inherited);

        assertThat(environment.get(IngestionSourceAccess.ALLOWED_ROOTS)).isEqualTo("/tmp/my-data,/data/cifar");
        assertThat(environment.get(IngestionSourceAccess.ALLOWED_ORIGINS))
                .isEqualTo("https://mirror.example,http://127.0.0.1:9000,http://127.0.0.1:8000");
        // A source whose origin the user already allows changes nothing, and the user's own list stays in force.
        assertThat(IngestionSourceAccess.environment(List.of("http://127.0.0.1:9000/x.tar.gz"), inherited))
                .containsExactly(Map.entry(IngestionSourceAccess.ALLOWED_ROOTS, "/tmp/my-data"));
    }

    @Test
    void credentialsAreRandomAndHideSecret() {
        StorageCredentials first = StorageCredentials.random();
        StorageCredentials second = StorageCredentials.random();

        assertThat(first.secretKey()).hasSize(40).isNotEqualTo(second.secretKey());
        assertThat(first.accessKey()).hasSize(20);
        assertThat(first.toString()).doesNotContain(first.secretKey());
    }
}
