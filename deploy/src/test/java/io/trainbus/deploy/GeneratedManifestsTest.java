package io.trainbus.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class GeneratedManifestsTest {

    /**
     * The copies in deploy/base/generated must match what quarkus-kubernetes generates from the current
     * application.properties. The services' package phase writes the generated files. A build that stops at the
     * test phase (mvn test) has none and skips the comparison, while mvn verify and make manifests run it.
     * The comparison is on parsed resources because the order of labels changes from one build to the next.
     */
    @Test
    void baseCopiesMatchGeneratedFiles() throws Exception {
        for (String service : Services.ALL) {
            Path generated = Repository.resolve("services/" + service + "/target/kubernetes/kubernetes.yml");
            Path copy = Repository.resolve("deploy/base/generated/" + service + ".yml");
            assumeTrue(Files.isRegularFile(generated), generated + " not found: package the services to compare");

            assertThat(parse(copy)).as("%s is stale: run 'make manifests'", copy).isEqualTo(parse(generated));
        }
    }

    private static Object parse(Path file) throws IOException {
        try (InputStream input = Files.newInputStream(file)) {
            return new KubernetesSerialization().unmarshal(input);
        }
    }
}
