package io.trainbus.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class EnvironmentVariablesTest {

    /** Keys of the Secret trainbus-storage, which the user creates as deploy/README.md describes. */
    static final List<String> STORAGE_SECRET_KEYS =
            List.of("TRAINBUS_STORAGE_ACCESS_KEY", "TRAINBUS_STORAGE_SECRET_KEY");

    /** Variables that set no Quarkus property, each read by something other than the service's configuration. */
    private static final Map<String, String> NOT_CONFIGURATION = Map.of(
            "JAVA_TOOL_OPTIONS", "read by the JVM at start-up (heap and JavaCPP limits)",
            "KUBERNETES_NAMESPACE", "added by quarkus-kubernetes with the pod's namespace");

    @Test
    void everyServiceVariableSetsServiceProperty() throws Exception {
        for (String overlay : Services.OVERLAYS) {
            RenderedManifests manifests = RenderedManifests.load(overlay);
            for (Deployment deployment : manifests.serviceDeployments()) {
                String service = Services.serviceOf(deployment.getMetadata().getName());
                ServiceConfig config = ServiceConfig.load(service);
                for (String variable : variables(manifests, container(deployment))) {
                    if (NOT_CONFIGURATION.containsKey(variable)) {
                        continue;
                    }
                    assertThat(config.readsEnvironmentVariable(variable))
                            .as("%s overlay: %s sets %s, which maps to no property of the service", overlay, service,
                                    variable)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void everyOverlayRunsAllFourServices() throws Exception {
        for (String overlay : Services.OVERLAYS) {
            List<String> names = RenderedManifests.load(overlay).serviceDeployments().stream()
                    .map(deployment -> deployment.getMetadata().getName())
                    .toList();

            assertThat(names).as("service Deployments of the %s overlay", overlay)
                    .containsExactlyInAnyOrderElementsOf(Services.ALL.stream().map(Services::deploymentName).toList());
        }
    }

    @Test
    void servicesGetKafkaAndStorageSettings() throws Exception {
        for (String overlay : Services.OVERLAYS) {
            RenderedManifests manifests = RenderedManifests.load(overlay);
            for (Deployment deployment : manifests.serviceDeployments()) {
                List<String> variables = variables(manifests, container(deployment));

                assertThat(variables).as("%s in %s", deployment.getMetadata().getName(), overlay)
                        .contains("KAFKA_BOOTSTRAP_SERVERS", "TRAINBUS_STORAGE_ENDPOINT")
                        .containsAll(STORAGE_SECRET_KEYS);
            }
        }
    }

    @Test
    void renderedOverlaysContainNoSecret() throws Exception {
        for (String overlay : Services.OVERLAYS) {
            RenderedManifests manifests = RenderedManifests.load(overlay);

            assertThat(manifests.ofType(Secret.class)).as("Secrets in the %s overlay", overlay).isEmpty();
            for (ConfigMap map : manifests.ofType(ConfigMap.class)) {
                Map<String, String> data = map.getData() == null ? Map.of() : map.getData();
                assertThat(data).as("ConfigMap %s in %s", map.getMetadata().getName(), overlay)
                        .doesNotContainKeys(STORAGE_SECRET_KEYS.toArray(String[]::new));
            }
        }
    }

    @Test
    void minioUsesSameSecretKeysAsServices() throws Exception {
        Container minio = container(RenderedManifests.load("local").deployment("minio"));
        List<String> keys = minio.getEnv().stream()
                .filter(variable -> variable.getValueFrom() != null)
                .filter(variable -> variable.getValueFrom().getSecretKeyRef() != null)
                .map(variable -> variable.getValueFrom().getSecretKeyRef().getKey())
                .toList();

        assertThat(keys).containsExactlyInAnyOrderElementsOf(STORAGE_SECRET_KEYS);
    }

    static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).as("containers of %s", deployment.getMetadata().getName()).hasSize(1);
        return containers.get(0);
    }

    /**
     * Lists the variables a container gets: its env entries, every key of the ConfigMaps it reads through envFrom,
     * and the documented keys of the Secret trainbus-storage, which is not in the rendered output.
     */
    static List<String> variables(RenderedManifests manifests, Container container) {
        List<String> names = new ArrayList<>();
        for (EnvVar variable : container.getEnv()) {
            names.add(variable.getName());
        }
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                String name = source.getConfigMapRef().getName();
                ConfigMap map = manifests.configMap(name).orElseThrow(() -> new AssertionError(
                        "envFrom names ConfigMap " + name + ", which the " + manifests.overlay() + " overlay lacks"));
                names.addAll(map.getData().keySet());
            }
            if (source.getSecretRef() != null) {
                assertThat(source.getSecretRef().getName()).isEqualTo("trainbus-storage");
                names.addAll(STORAGE_SECRET_KEYS);
            }
        }
        return names;
    }
}
