package io.trainbus.cli.local;

import java.util.List;

/**
 * The sources the local ingestion service reads each dataset from when a request names none.
 *
 * @param cifar10 path or URL of the CIFAR-10 binary archive or folder
 * @param fashionMnist path or URL of the Fashion-MNIST folder, archive or base URL
 */
record DatasetSources(String cifar10, String fashionMnist) {

    /** @return both sources, for the allow-list */
    List<String> all() {
        return List.of(cifar10, fashionMnist);
    }
}
