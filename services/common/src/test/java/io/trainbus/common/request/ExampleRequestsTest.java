package io.trainbus.common.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.trainbus.proto.v1.TrainingRequest;
import org.junit.jupiter.api.Test;

/** The request files the README asks people to publish must stay valid as the schema changes. */
class ExampleRequestsTest {

    @Test
    void everyExampleRequestIsValid() throws IOException {
        Path folder = Path.of(System.getProperty("trainbus.examples", "../../examples/requests"));
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }

        assertThat(files).as("example requests in %s", folder).isNotEmpty();
        for (Path file : files) {
            assertThatCode(() -> {
                TrainingRequest request = RequestDefaults.apply(RequestParser.parse(Files.readAllBytes(file)));
                RequestValidator.validate(request);
            }).as("example %s", file.getFileName()).doesNotThrowAnyException();
        }
    }
}
