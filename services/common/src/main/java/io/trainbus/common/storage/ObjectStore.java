package io.trainbus.common.storage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.minio.BucketExistsArgs;
import io.minio.DownloadObjectArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import io.trainbus.common.storage.ObjectStoreMetrics.Operation;
import io.trainbus.proto.v1.ObjectRef;
import org.jboss.logging.Logger;

/**
 * The S3-compatible object store, through the MinIO Java SDK, bound to one bucket. Any S3 server works (MinIO,
 * S3Proxy, AWS S3). Every call retries transient failures (network errors, 5xx, SlowDown) within
 * {@link RetrySettings}; methods throw {@link ObjectStoreException} naming the key once a call fails for good, and
 * report their durations, bytes, retries and failures to {@link ObjectStoreMetrics}.
 */
public final class ObjectStore {

    private static final Logger LOG = Logger.getLogger(ObjectStore.class);
    /** Multipart part size for uploads; 16 MiB keeps a 550 MB tensor at 35 parts. */
    private static final long PART_SIZE = 16L * 1024 * 1024;

    private final MinioClient client;
    private final String bucket;
    private final String endpoint;
    private final ObjectStoreMetrics metrics;
    private final RetryingCalls calls;

    private ObjectStore(MinioClient client, String bucket, String endpoint, ObjectStoreMetrics metrics,
            RetrySettings retry) {
        this.client = client;
        this.bucket = bucket;
        this.endpoint = endpoint;
        this.metrics = metrics;
        this.calls = new RetryingCalls(retry, metrics);
    }

    /**
     * Connects to a store and creates the bucket when it does not exist.
     *
     * @param endpoint base URL of the S3 API
     * @param accessKey access key id
     * @param secretKey secret key
     * @param region signing region
     * @param bucket bucket to bind to
     * @return a store bound to {@code bucket} that records no metrics and retries with the default limits
     */
    public static ObjectStore connect(String endpoint, String accessKey, String secretKey, String region,
            String bucket) {
        return connect(endpoint, accessKey, secretKey, region, bucket, ObjectStoreMetrics.disabled());
    }

    /**
     * Connects to a store that reports to {@code metrics} and creates the bucket when it does not exist.
     *
     * @param endpoint base URL of the S3 API
     * @param accessKey access key id
     * @param secretKey secret key
     * @param region signing region
     * @param bucket bucket to bind to
     * @param metrics where calls are recorded
     * @return a store bound to {@code bucket} that retries with the default limits
     */
    public static ObjectStore connect(String endpoint, String accessKey, String secretKey, String region,
            String bucket, ObjectStoreMetrics metrics) {
        return connect(endpoint, accessKey, secretKey, region, bucket, metrics, ClientLimits.DEFAULTS);
    }

    /**
     * Connects to a store with the given timeouts and retry limits, and creates the bucket when it does not exist.
     *
     * @param endpoint base URL of the S3 API
     * @param accessKey access key id
     * @param secretKey secret key
     * @param region signing region
     * @param bucket bucket to bind to
     * @param metrics where calls and retries are recorded
     * @param limits timeouts of one request and retries of one call
     * @return a store bound to {@code bucket}
     */
    public static ObjectStore connect(String endpoint, String accessKey, String secretKey, String region,
            String bucket, ObjectStoreMetrics metrics, ClientLimits limits) {
        MinioClient client = MinioClient.builder()
                .endpoint(endpoint)
                .credentials(accessKey, secretKey)
                .region(region)
                .build();
        long io = limits.ioTimeout().toMillis();
        client.setTimeout(limits.connectTimeout().toMillis(), io, io);
        ObjectStore store = new ObjectStore(client, bucket, endpoint, metrics, limits.retry());
        store.ensureBucket();
        return store;
    }

    /** @return the bucket every key of this store lives in */
    public String bucket() {
        return bucket;
    }

    private void ensureBucket() {
        String what = "Creating bucket " + bucket + " at " + endpoint;
        try {
            calls.call(Operation.STAT, what, () -> {
                if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                    makeBucket();
                }
                return null;
            });
        } catch (ObjectStoreException e) {
            throw new ObjectStoreException("Cannot reach the object store at " + endpoint + " (bucket " + bucket
                    + "): " + e.getMessage() + " Check trainbus.storage.endpoint and the credentials.", e.getCause());
        }
    }

    private void makeBucket() throws Exception {
        try {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            LOG.infof("Created bucket %s at %s", bucket, endpoint);
        } catch (ErrorResponseException e) {
            // Another service may have created it between the check and the call.
            if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                throw e;
            }
        }
    }

    /**
     * Uploads a local file, in parts when large.
     *
     * @param key object key
     * @param file file to upload
     * @param contentType MIME type stored with the object
     * @return a reference with the size and no digest
     */
    public ObjectRef putFile(String key, Path file, String contentType) {
        long started = System.nanoTime();
        long size = calls.call(Operation.PUT, "Upload of " + file + " to " + describe(key), () -> {
            client.uploadObject(UploadObjectArgs.builder()
                    .bucket(bucket).object(key).filename(file.toString(), PART_SIZE).contentType(contentType)
                    .build());
            return Files.size(file);
        });
        metrics.succeeded(Operation.PUT, started, size);
        return ref(key, size, "");
    }

    /**
     * Stores bytes as one object.
     *
     * @param key object key
     * @param bytes content
     * @param contentType MIME type stored with the object
     * @return a reference with the size and the SHA-256 of {@code bytes}
     */
    public ObjectRef putBytes(String key, byte[] bytes, String contentType) {
        long started = System.nanoTime();
        calls.call(Operation.PUT, "Write of " + describe(key), () -> {
            // A fresh stream per attempt: a failed attempt may have read part of the previous one.
            try (InputStream in = new ByteArrayInputStream(bytes)) {
                client.putObject(PutObjectArgs.builder()
                        .bucket(bucket).object(key).stream(in, bytes.length, -1).contentType(contentType).build());
            }
            return null;
        });
        metrics.succeeded(Operation.PUT, started, bytes.length);
        return ref(key, bytes.length, Digests.sha256Hex(bytes));
    }

    /**
     * Reads a whole object into memory; for manifests, reports and other small objects.
     *
     * @param key object key
     * @return the object's bytes
     */
    public byte[] getBytes(String key) {
        long started = System.nanoTime();
        byte[] bytes = calls.call(Operation.GET, "Read of " + describe(key), () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return in.readAllBytes();
            }
        });
        metrics.succeeded(Operation.GET, started, bytes.length);
        return bytes;
    }

    /**
     * Downloads an object to a local file, replacing the file when it exists.
     *
     * @param key object key
     * @param target destination file; its parent folder must exist
     */
    public void getFile(String key, Path target) {
        long started = System.nanoTime();
        long size = calls.call(Operation.GET, "Download of " + describe(key) + " to " + target, () -> {
            Files.deleteIfExists(target);
            client.downloadObject(DownloadObjectArgs.builder()
                    .bucket(bucket).object(key).filename(target.toString()).build());
            return Files.size(target);
        });
        metrics.succeeded(Operation.GET, started, size);
    }

    /**
     * Looks an object up.
     *
     * @param key object key
     * @return its size in bytes, or empty when no such object exists
     */
    public Optional<Long> size(String key) {
        long started = System.nanoTime();
        Optional<Long> size = calls.call(Operation.STAT, "Lookup of " + describe(key), () -> {
            try {
                StatObjectResponse stat = client.statObject(
                        StatObjectArgs.builder().bucket(bucket).object(key).build());
                return Optional.of(stat.size());
            } catch (ErrorResponseException e) {
                String code = e.errorResponse().code();
                if ("NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NotFound".equals(code)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
        metrics.succeeded(Operation.STAT, started, 0);
        return size;
    }

    /** @return true when an object with this key exists */
    public boolean exists(String key) {
        return size(key).isPresent();
    }

    /**
     * Lists keys under a prefix, recursively. A retry after a transient failure lists the prefix again from the
     * start.
     *
     * @param prefix key prefix, for example {@code jobs/j1/}
     * @return the keys, in the store's order (lexicographic on S3)
     */
    public List<String> list(String prefix) {
        long started = System.nanoTime();
        List<String> keys = calls.call(Operation.LIST, "Listing of s3://" + bucket + "/" + prefix + " at "
                + endpoint, () -> {
                    List<String> found = new ArrayList<>();
                    for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                            .bucket(bucket).prefix(prefix).recursive(true).build())) {
                        found.add(result.get().objectName());
                    }
                    return found;
                });
        metrics.succeeded(Operation.LIST, started, 0);
        return keys;
    }

    /** Removes an object; removing a missing key is not an error. */
    public void remove(String key) {
        long started = System.nanoTime();
        calls.call(Operation.REMOVE, "Removal of " + describe(key), () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
        metrics.succeeded(Operation.REMOVE, started, 0);
    }

    /**
     * Builds a reference to an object of this store.
     *
     * @param key object key
     * @param size size in bytes
     * @param sha256 hex digest or empty
     * @return the reference
     */
    public ObjectRef ref(String key, long size, String sha256) {
        return ObjectRef.newBuilder().setBucket(bucket).setKey(key).setSizeBytes(size).setSha256(sha256).build();
    }

    private String describe(String key) {
        return "s3://" + bucket + "/" + key + " at " + endpoint;
    }
}
