package io.trainbus.bench;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Turns a network built by the trainer's code into one with Deeplearning4j's default settings. */
final class Dl4jDefaults {

    private Dl4jDefaults() {
    }

    /**
     * Returns a copy of the network's configuration with Deeplearning4j's default cache mode ({@code NONE}) on the
     * network and every layer, in place of the {@code DEVICE} mode the trainer sets.
     */
    static MultiLayerConfiguration configuration(MultiLayerNetwork network) {
        MultiLayerConfiguration configuration = network.getLayerWiseConfigurations().clone();
        configuration.setCacheMode(CacheMode.NONE);
        for (int i = 0; i < configuration.getConfs().size(); i++) {
            configuration.getConf(i).setCacheMode(CacheMode.NONE);
        }
        return configuration;
    }

    /** Returns a new network with the default settings and a copy of the given network's parameters. */
    static MultiLayerNetwork copy(MultiLayerNetwork network) {
        MultiLayerNetwork copy = new MultiLayerNetwork(configuration(network));
        copy.init(network.params().dup(), false);
        return copy;
    }
}
