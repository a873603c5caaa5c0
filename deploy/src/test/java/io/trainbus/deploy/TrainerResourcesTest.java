package io.trainbus.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class TrainerResourcesTest {

    private static final String GPU = "nvidia.com/gpu";

    @Test
    void productionTrainerRequestsOneGpu() throws Exception {
        Deployment trainer = RenderedManifests.load("production").deployment("trainbus-trainer");
        PodSpec pod = trainer.getSpec().getTemplate().getSpec();
        Container container = EnvironmentVariablesTest.container(trainer);

        assertThat(container.getResources().getLimits()).containsEntry(GPU, new Quantity("1"));
        assertThat(pod.getNodeSelector()).containsEntry("nvidia.com/gpu.present", "true");
        assertThat(pod.getTolerations()).extracting(Toleration::getKey).contains(GPU);
        assertThat(env(container)).containsEntry("TRAINBUS_TRAINER_REQUIRE_GPU", "true");
        assertThat(container.getImage()).endsWith("-cuda");
    }

    @Test
    void localTrainerRunsOnCpu() throws Exception {
        Container container = EnvironmentVariablesTest.container(
                RenderedManifests.load("local").deployment("trainbus-trainer"));

        assertThat(container.getResources().getLimits()).doesNotContainKey(GPU);
        assertThat(env(container)).doesNotContainKey("TRAINBUS_TRAINER_REQUIRE_GPU");
        assertThat(container.getImage()).doesNotEndWith("-cuda");
    }

    @Test
    void javacppLimitsFitInsideMemoryLimit() throws Exception {
        for (String overlay : Services.OVERLAYS) {
            for (String service : List.of("trainer", "evaluator")) {
                Container container = EnvironmentVariablesTest.container(
                        RenderedManifests.load(overlay).deployment(Services.deploymentName(service)));
                String options = env(container).get("JAVA_TOOL_OPTIONS");
                String where = overlay + "/" + service;
                assertThat(options).as(where + " JAVA_TOOL_OPTIONS").isNotNull();

                long limit = Quantity.getAmountInBytes(container.getResources().getLimits().get("memory"))
                        .longValueExact();
                long heap = bytesOf(options, "-Xmx");
                long offHeap = bytesOf(options, "-Dorg.bytedeco.javacpp.maxbytes=");
                long physical = bytesOf(options, "-Dorg.bytedeco.javacpp.maxphysicalbytes=");

                assertThat(offHeap).as(where + " maxbytes above -Xmx").isGreaterThan(heap);
                assertThat(physical).as(where + " maxphysicalbytes above -Xmx").isGreaterThan(heap);
                assertThat(physical).as(where + " maxphysicalbytes below the memory limit").isLessThan(limit);
            }
        }
    }

    private static Map<String, String> env(Container container) {
        Map<String, String> values = new HashMap<>();
        for (EnvVar variable : container.getEnv()) {
            values.put(variable.getName(), variable.getValue());
        }
        return values;
    }

    /** Reads a JVM-style size (1g, 768m, 4G, 5500M) that follows a prefix in a list of options. */
    static long bytesOf(String options, String prefix) {
        for (String option : options.trim().split("\\s+")) {
            if (option.startsWith(prefix)) {
                String size = option.substring(prefix.length()).toLowerCase();
                long multiplier = switch (size.charAt(size.length() - 1)) {
                    case 'k' -> 1L << 10;
                    case 'm' -> 1L << 20;
                    case 'g' -> 1L << 30;
                    default -> 1L;
                };
                String digits = multiplier == 1L ? size : size.substring(0, size.length() - 1);
                return Long.parseLong(digits) * multiplier;
            }
        }
        throw new AssertionError("option " + prefix + " missing from '" + options + "'");
    }
}
