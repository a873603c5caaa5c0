package io.trainbus.preprocessing.prepare;

import java.util.List;

/**
 * The two tensors of one split.
 *
 * @param name split name: train, validation or test
 * @param count number of records
 * @param perClass records per label, index = label
 * @param features float32 [count, height x width x channels]
 * @param labels float32 one-hot [count, classes]
 */
public record SplitTensors(String name, int count, List<Long> perClass, NpyTensorWriter.WrittenTensor features,
        NpyTensorWriter.WrittenTensor labels) {
}
