package io.trainbus.trainer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.common.tensor.NpyFormat;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.ObjectRef;
import io.trainbus.proto.v1.TensorPair;
import io.trainbus.proto.v1.TrainingRequest;

/** Uploads random train and validation tensors and builds the DatasetPrepared event that names them. */
public final class TestTensors {

    private TestTensors() {
    }

    /**
     * @param store the test's object store
     * @param request the job's request, defaults applied
     * @param trainCount training images
     * @param validationCount validation images
     * @return the event naming the uploaded tensors
     */
    public static DatasetPrepared upload(ObjectStore store, TrainingRequest request, int trainCount,
            int validationCount) throws IOException {
        String jobId = request.getJobId();
        String prefix = ObjectKeys.preparedPrefix("cifar-10", "test-dataset", jobId);
        Random random = new Random(jobId.hashCode());
        return DatasetPrepared.newBuilder()
                .setRequest(request)
                .setDatasetId("test-dataset")
                .setPreparedId(jobId)
                .setTrain(uploadSplit(store, prefix + "train", trainCount, random))
                .setValidation(uploadSplit(store, prefix + "validation", validationCount, random))
                .build();
    }

    private static TensorPair uploadSplit(ObjectStore store, String keyPrefix, int count, Random random)
            throws IOException {
        float[] features = new float[count * 3072];
        float[] labels = new float[count * 10];
        for (int i = 0; i < features.length; i++) {
            features[i] = random.nextFloat();
        }
        for (int row = 0; row < count; row++) {
            labels[row * 10 + random.nextInt(10)] = 1f;
        }
        ObjectRef x = store.putBytes(keyPrefix + "_x.npy", npy(features, count, 3072), "application/octet-stream");
        ObjectRef y = store.putBytes(keyPrefix + "_y.npy", npy(labels, count, 10), "application/octet-stream");
        return TensorPair.newBuilder().setFeatures(x).setLabels(y).setCount(count).build();
    }

    private static byte[] npy(float[] values, int rows, int columns) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpyFormat.writeFloat32Header(out, rows, columns);
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        out.write(buffer.array());
        return out.toByteArray();
    }
}
