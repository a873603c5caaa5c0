package io.trainbus.trainer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import io.trainbus.common.request.DatasetCatalog;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.common.tensor.NpyFormat;
import io.trainbus.models.ReferenceModels;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.ObjectRef;
import io.trainbus.proto.v1.TensorPair;
import io.trainbus.proto.v1.TrainingRequest;

/**
 * Uploads random train and validation tensors sized for the request's dataset (pixels per image and classes from the
 * catalog) and builds the DatasetPrepared event that names them.
 */
public final class TestTensors {

    private TestTensors() {
    }

    /**
     * @param store the test's object store
     * @param request the job's request, naming its dataset
     * @param trainCount training images
     * @param validationCount validation images
     * @return the event naming the uploaded tensors
     */
    public static DatasetPrepared upload(ObjectStore store, TrainingRequest request, int trainCount,
            int validationCount) throws IOException {
        String jobId = request.getJobId();
        DatasetCatalog.Dataset dataset = ReferenceModels.dataset(request);
        String prefix = ObjectKeys.preparedPrefix(dataset.name(), "test-dataset", jobId);
        Random random = new Random(jobId.hashCode());
        return DatasetPrepared.newBuilder()
                .setRequest(request)
                .setDatasetId("test-dataset")
                .setPreparedId(jobId)
                .setTrain(uploadSplit(store, prefix + "train", trainCount, dataset, random))
                .setValidation(uploadSplit(store, prefix + "validation", validationCount, dataset, random))
                .build();
    }

    private static TensorPair uploadSplit(ObjectStore store, String keyPrefix, int count,
            DatasetCatalog.Dataset dataset, Random random) throws IOException {
        int width = dataset.shape().pixelsPerImage();
        int classes = dataset.classCount();
        float[] features = new float[count * width];
        float[] labels = new float[count * classes];
        for (int i = 0; i < features.length; i++) {
            features[i] = random.nextFloat();
        }
        for (int row = 0; row < count; row++) {
            labels[row * classes + random.nextInt(classes)] = 1f;
        }
        ObjectRef x = store.putBytes(keyPrefix + "_x.npy", npy(features, count, width), "application/octet-stream");
        ObjectRef y = store.putBytes(keyPrefix + "_y.npy", npy(labels, count, classes), "application/octet-stream");
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
