package io.trainbus.trainer.backend;

import java.util.List;
import java.util.Set;

/**
 * A build of ND4J's CPU library (nd4j-native 1.0.0-M2.1), named by the JavaCPP platform extension of its Maven
 * classifier: {@code linux-x86_64} plus the extension.
 *
 * @param extension the value for {@code org.bytedeco.javacpp.platform.extension}, for example
 *        {@code -onednn-avx512}; empty for the plain build
 * @param requiredFlags the {@code /proc/cpuinfo} flags the build's compiled code executes; a CPU without one of
 *        them stops the process with an illegal instruction
 */
public record NativeBuild(String extension, Set<String> requiredFlags) {

    /** The generic x86-64 build without oneDNN; it runs on every 64-bit x86 CPU. */
    public static final NativeBuild PLAIN = new NativeBuild("", Set.of());

    /**
     * oneDNN build compiled for AVX-512 (GCC's {@code -march=skylake-avx512}): the AVX2 set plus the AVX-512
     * foundation, conflict-detection, byte/word, doubleword/quadword and vector-length extensions.
     */
    public static final NativeBuild ONEDNN_AVX512 = new NativeBuild("-onednn-avx512", Set.of("avx", "avx2", "fma",
            "f16c", "bmi1", "bmi2", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"));

    /** oneDNN build compiled for AVX2 (GCC's {@code -march=haswell}). */
    public static final NativeBuild ONEDNN_AVX2 = new NativeBuild("-onednn-avx2", Set.of("avx", "avx2", "fma",
            "f16c", "bmi1", "bmi2"));

    /** The builds the trainer ships, fastest first; the plain build comes with every trainer. */
    public static final List<NativeBuild> PREFERENCE = List.of(ONEDNN_AVX512, ONEDNN_AVX2, PLAIN);

    public NativeBuild {
        requiredFlags = Set.copyOf(requiredFlags);
    }

    /** Returns the Maven classifier, such as {@code linux-x86_64-onednn-avx512}. */
    public String classifier() {
        return "linux-x86_64" + extension;
    }

    /** Returns the classpath resource of the build's ND4J library, present when its jar is on the classpath. */
    public String libraryResource() {
        return "org/nd4j/linalg/cpu/nativecpu/bindings/" + classifier() + "/libnd4jcpu.so";
    }
}
