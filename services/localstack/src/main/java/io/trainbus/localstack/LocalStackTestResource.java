package io.trainbus.localstack;

import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link LocalStack} for a {@code @QuarkusTest} on free ports and points the service under test at it.
 * Tests reach the running stack through {@link #current()}.
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile LocalStack current;

    @Override
    public Map<String, String> start() {
        try {
            current = LocalStack.start(new LocalStack.Options(0, 0, Files.createTempDirectory("trainbus-stack"),
                    "test-access", UUID.randomUUID().toString(), 2));
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
    }

    /** @return the stack of the running test */
    public static LocalStack current() {
        return current;
    }
}
