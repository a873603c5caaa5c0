package io.trainbus.common.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Connection to the S3-compatible object store that carries datasets, tensors, checkpoints and reports.
 * Set through {@code trainbus.storage.*} properties or {@code TRAINBUS_STORAGE_*} environment variables.
 */
@ConfigMapping(prefix = "trainbus.storage")
public interface StorageConfig {

    /** Base URL of the S3 API, for example {@code http://127.0.0.1:9000}. */
    String endpoint();

    /** Access key id. */
    String accessKey();

    /** Secret key; never logged. */
    String secretKey();

    /** Bucket that contains every object of trainbus. It is created at start-up when missing. */
    @WithDefault("trainbus")
    String bucket();

    /** Region sent in signatures; S3Proxy and MinIO accept the default. */
    @WithDefault("us-east-1")
    String region();
}
