package io.trainbus.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import io.trainbus.common.messaging.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real local stack jar as a process, the way {@code local run} does, and stops it again. Needs the
 * jar built by {@code mvn package} of services/localstack, which the reactor builds before this module.
 */
class LocalStackProcessTest {

    @TempDir
    Path home;

    @Test
    void stackStartsWithTopicsAndStops() throws Exception {
        Path checkout = Path.of(System.getProperty("trainbus.home", "../.."));
        Path builtJar = checkout.resolve("services/localstack/target/trainbus-localstack.jar");
        assertThat(builtJar).as("the local stack jar; build it with mvn -pl services/localstack package").exists();
        RunLayout layout = new RunLayout(home);
        Files.createDirectories(layout.localStackJar().getParent());
        // The jar finds its dependencies through a relative class path (lib/), so both are linked side by side.
        Files.createSymbolicLink(layout.localStackJar(), builtJar.toAbsolutePath());
        Files.createSymbolicLink(layout.localStackJar().resolveSibling("lib"),
                builtJar.resolveSibling("lib").toAbsolutePath());

        ProcessSupervisor supervisor = new ProcessSupervisor(Duration.ofSeconds(20));
        try {
            StackEndpoints endpoints = new LocalPipeline(layout, supervisor)
                    .startStack(StorageCredentials.random(), Duration.ofMinutes(2));

            assertThat(endpoints.bootstrapServers()).startsWith("127.0.0.1:");
            assertThat(endpoints.s3Endpoint()).startsWith("http://127.0.0.1:");
            assertThat(listTopics(endpoints.bootstrapServers())).containsAll(Topics.ALL);
        } finally {
            List<ManagedProcess> started = supervisor.running();
            supervisor.stopAll();
            for (ManagedProcess process : started) {
                assertThat(process.process().isAlive()).as(process.name() + " after stopAll").isFalse();
            }
        }
        assertThat(Files.readString(layout.logFile("localstack"))).contains("READY kafka=");
    }

    private static Set<String> listTopics(String bootstrapServers) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            return admin.listTopics().names().get();
        }
    }
}
