package io.trainbus.e2e.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.trainbus.common.storage.Digests;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.proto.v1.ObjectRef;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Stores and reads an object through {@link ObjectStore} against a MinIO server in Docker. Skipped when no Docker
 * engine is reachable; the other tests use the in-JVM S3 server instead.
 */
@Testcontainers(disabledWithoutDocker = true)
class MinioContainerRoundTripTest {

    // NOTE: this tag was never pulled, because the machine where this test was written has no Docker engine. Any
    // MinIO release serves, since the test makes only basic S3 calls.
    @Container
    private static final MinIOContainer MINIO = new MinIOContainer("minio/minio:RELEASE.2023-09-04T19-57-37Z");

    @Test
    void objectStorePutGetRoundTrip() {
        ObjectStore store = ObjectStore.connect(MINIO.getS3URL(), MINIO.getUserName(), MINIO.getPassword(),
                "us-east-1", "trainbus");
        String key = ObjectKeys.report("tc-job");
        byte[] content = "{\"test_accuracy\": 0.5}".getBytes(StandardCharsets.UTF_8);

        ObjectRef ref = store.putBytes(key, content, "application/json");

        assertThat(ref.getBucket()).isEqualTo("trainbus");
        assertThat(ref.getKey()).isEqualTo(key);
        assertThat(ref.getSha256()).isEqualTo(Digests.sha256Hex(content));
        assertThat(store.getBytes(key)).isEqualTo(content);
        assertThat(store.size(key)).contains((long) content.length);
        assertThat(store.list(ObjectKeys.jobPrefix("tc-job"))).containsExactly(key);
    }
}
