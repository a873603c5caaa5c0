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
 * S3Proxy, AWS S3). Methods throw {@link ObjectStoreException} naming the key on any failure, and report their
 * durations, bytes and failures to {@link ObjectStoreMetrics}.
 */
public final class ObjectStore {

    private static final Logger LOG = Logger.getLogger(ObjectStore.class);
    /** Multipart part size for uploads; 16 MiB keeps a 550 MB tensor at 35 parts. */
    private static final long PART_SIZE = 16L * 1024 * 1024;

    private final MinioClient client;
    private final String bucket;
    private final String endpoint;
    private final ObjectStoreMetrics metrics;

    private ObjectStore(MinioClient client, String bucket, String endpoint, ObjectStoreMetrics metrics) {
        this.client = client;
        this.bucket = bucket;
        this.endpoint = endpoint;
        this.metrics = metrics;
    }

    /**
     * Connects to a store and creates the bucket when it does not exist.
     *
     * @param endpoint base URL of the S3 API
     * @param accessKey access key id
     * @param secretKey secret key
     * @param region signing region
     * @param bucket bucket to bind to
     * @return a store bound to {@code bucket} that records no metrics
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
     * @return a store bound to {@code bucket}
     */
    public static ObjectStore connect(String endpoint, String accessKey, String secretKey, String region,
            String bucket, ObjectStoreMetrics metrics) {
        MinioClient client = MinioClient.builder()
                .endpoint(endpoint)
                .credentials(accessKey, secretKey)
                .region(region)
                .build();
        ObjectStore store = new ObjectStore(client, bucket, endpoint, metrics);
        store.ensureBucket();
        return store;
    }

    /** @return the bucket every key of this store lives in */
    public String bucket() {
        return bucket;
    }

    private void ensureBucket() {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                LOG.infof("Created bucket %s at %s", bucket, endpoint);
            }
        } catch (ErrorResponseException e) {
            // Another service may have created it between the check and the call.
            if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                throw new ObjectStoreException("Cannot create bucket " + bucket + " at " + endpoint, e);
            }
        } catch (Exception e) {
            throw new ObjectStoreException("Cannot reach the object store at " + endpoint + " (bucket " + bucket
                    + "): " + e.getMessage() + ". Check trainbus.storage.endpoint and the credentials.", e);
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
        try {
            client.uploadObject(UploadObjectArgs.builder()
                    .bucket(bucket).object(key).filename(file.toString(), PART_SIZE).contentType(contentType)
                    .build());
            long size = Files.size(file);
            metrics.succeeded(Operation.PUT, started, size);
            return ref(key, size, "");
        } catch (Exception e) {
            metrics.failed(Operation.PUT);
            throw new ObjectStoreException("Upload of " + file + " to " + describe(key) + " failed: "
                    + e.getMessage(), e);
        }
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
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            client.putObject(PutObjectArgs.builder()
                    .bucket(bucket).object(key).stream(in, bytes.length, -1).contentType(contentType).build());
            metrics.succeeded(Operation.PUT, started, bytes.length);
            return ref(key, bytes.length, Digests.sha256Hex(bytes));
        } catch (Exception e) {
            metrics.failed(Operation.PUT);
            throw new ObjectStoreException("Write of " + describe(key) + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a whole object into memory; for manifests, reports and other small objects.
     *
     * @param key object key
     * @return the object's bytes
     */
    public byte[] getBytes(String key) {
        long started = System.nanoTime();
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            byte[] bytes = in.readAllBytes();
            metrics.succeeded(Operation.GET, started, bytes.length);
            return bytes;
        } catch (Exception e) {
            metrics.failed(Operation.GET);
            throw new ObjectStoreException("Read of " + describe(key) + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Downloads an object to a local file, replacing the file when it exists.
     *
     * @param key object key
     * @param target destination file; its parent folder must exist
     */
    public void getFile(String key, Path target) {
        long started = System.nanoTime();
        try {
            Files.deleteIfExists(target);
            client.downloadObject(DownloadObjectArgs.builder()
                    .bucket(bucket).object(key).filename(target.toString()).build());
            metrics.succeeded(Operation.GET, started, Files.size(target));
        } catch (Exception e) {
            metrics.failed(Operation.GET);
            throw new ObjectStoreException("Download of " + describe(key) + " to " + target + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Looks an object up.
     *
     * @param key object key
     * @return its size in bytes, or empty when no such object exists
     */
    public Optional<Long> size(String key) {
        long started = System.nanoTime();
        try {
            StatObjectResponse stat = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            metrics.succeeded(Operation.STAT, started, 0);
            return Optional.of(stat.size());
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if ("NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NotFound".equals(code)) {
                metrics.succeeded(Operation.STAT, started, 0);
                return Optional.empty();
            }
            metrics.failed(Operation.STAT);
            throw new ObjectStoreException("Lookup of " + describe(key) + " failed: " + e.getMessage(), e);
        } catch (Exception e) {
            metrics.failed(Operation.STAT);
            throw new ObjectStoreException("Lookup of " + describe(key) + " failed: " + e.getMessage(), e);
        }
    }

    /** @return true when an object with this key exists */
    public boolean exists(String key) {
        return size(key).isPresent();
    }

    /**
     * Lists keys under a prefix, recursively.
     *
     * @param prefix key prefix, for example {@code jobs/j1/}
     * @return the keys, in the store's order (lexicographic on S3)
     */
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket).prefix(prefix).recursive(true).build())) {
                keys.add(result.get().objectName());
            }
            metrics.succeeded(Operation.LIST, started, 0);
            return keys;
        } catch (Exception e) {
            metrics.failed(Operation.LIST);
            throw new ObjectStoreException("Listing of s3://" + bucket + "/" + prefix + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** Removes an object; removing a missing key is not an error. */
    public void remove(String key) {
        long started = System.nanoTime();
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            metrics.succeeded(Operation.REMOVE, started, 0);
        } catch (Exception e) {
            metrics.failed(Operation.REMOVE);
            throw new ObjectStoreException("Removal of " + describe(key) + " failed: " + e.getMessage(), e);
        }
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
