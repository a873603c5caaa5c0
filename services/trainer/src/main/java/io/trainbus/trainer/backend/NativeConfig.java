package io.trainbus.trainer.backend;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Settings of ND4J's native library, under {@code trainbus.trainer.native}. */
@ConfigMapping(prefix = "trainbus.trainer.native")
public interface NativeConfig {

    /**
     * Threads of ND4J's native operations for every model, at least 1. Without it each model uses the count in
     * {@link NativeThreads#DEFAULTS}. The nd4j-native build itself is chosen with the system property
     * {@code org.bytedeco.javacpp.platform.extension}, because it must be known before ND4J loads.
     */
    Optional<Integer> threads();
}
