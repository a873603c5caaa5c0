package io.trainbus.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link LocalStack} for a {@code @QuarkusTest} on free ports and points the service under test at it.
 * Tests reach the running stack through {@link #current()}.
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile LocalStack current;
    /** The stack's data folder (S3 objects), deleted when the test ends so that test runs leave nothing behind. */
    private Path dataDir;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("trainbus-stack");
            current = LocalStack.start(new LocalStack.Options(0, 0, dataDir, "test-access",
                    UUID.randomUUID().toString(), 2));
            return current.serviceProperties();
        } catch (Exception e) {
            throw new IllegalStateException("The local Kafka broker and S3 server did not start", e);
        }
    }

    @Override
    public void stop() {
        if (current != null) {
            current.close();
            current = null;
        }
        if (dataDir != null) {
            LocalStack.deleteTree(dataDir);
            dataDir = null;
        }
    }

    /** @return the stack of the running test */
    public static LocalStack current() {
        return current;
    }
}
