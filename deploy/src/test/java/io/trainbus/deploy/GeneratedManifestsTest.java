package io.trainbus.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class GeneratedManifestsTest {

    /**
     * The copies in deploy/base/generated must match what quarkus-kubernetes generates from the current
     * application.properties. The services' package phase writes the generated files. A build that stops at the
     * test phase (mvn test) has none and skips the comparison, while mvn verify and make manifests run it.
     */
    @Test
    void baseCopiesMatchGeneratedFiles() throws Exception {
        for (String service : Services.ALL) {
            Path generated = Repository.resolve("services/" + service + "/target/kubernetes/kubernetes.yml");
            Path copy = Repository.resolve("deploy/base/generated/" + service + ".yml");

            assumeTrue(Files.isRegularFile(generated), generated + " not found: package the services to compare");
            assertThat(Files.readString(copy)).as("%s is stale: run 'make manifests'", copy)
                    .isEqualTo(Files.readString(generated));
        }
    }
}
