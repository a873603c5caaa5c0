package io.trainbus.models;

import java.util.Map;

import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Process-wide settings of ND4J's native library that decide training speed but not the mathematics.
 *
 * <p>Deeplearning4j 1.0.0-M2.1 creates its oneDNN layer helpers (convolution, max pooling, batch normalization)
 * only when the system property {@value #HELPERS_DISABLED_PROPERTY} is {@code false} (its default is true), ND4J
 * allows helpers, and the native library contains oneDNN (the {@code -onednn} builds of nd4j-native); the class
 * {@code org.nd4j.nativeblas.Nd4jCpu} in this module repairs the last check. On any other build the layers keep
 * their own im2col and matrix-product code, so enabling helpers there changes nothing.
 */
public final class NativeRuntime {

    /** Deeplearning4j's switch for its layer helpers, read each time a layer is created. */
    public static final String HELPERS_DISABLED_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
    /** Library name of ND4J's CPU backend as JavaCPP records it. */
    static final String ND4J_LIBRARY = "jnind4jcpu";

    private NativeRuntime() {
    }

    /**
     * Lets layers created after this call use oneDNN helpers where the loaded native build has them. Loads ND4J's
     * backend, so a native build must have been chosen before.
     */
    public static void enableLayerHelpers() {
        System.setProperty(HELPERS_DISABLED_PROPERTY, "false");
        Nd4j.getEnvironment().allowHelpers(true);
    }

    /**
     * Sets how many threads ND4J's native operations use for work started from the calling thread: OpenMP's
     * thread count (a per-thread setting in OpenMP, so call it on the thread that trains), ND4J's own thread
     * limits and OpenBLAS' thread count.
     *
     * @param threads at least 1
     * @throws IllegalArgumentException when threads is below 1
     */
    public static void useThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("Invalid native thread count " + threads + ": it must be at least 1");
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /**
     * Describes the native library in use, for logs and benchmark reports.
     *
     * @return the build folder JavaCPP loaded ND4J from (for example {@code linux-x86_64-onednn-avx512}), whether
     *         oneDNN is on, and whether helpers are allowed
     */
    public static String describe() {
        Nd4j.getBackend();
        boolean onednn = org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
        return String.format("nd4j-native build %s, oneDNN %s, layer helpers %s", loadedBuild(),
                onednn ? "on" : "off", helpersEnabled() ? "enabled" : "disabled");
    }

    /** Returns whether layers created now would get helpers, as far as the switches go. */
    static boolean helpersEnabled() {
        return !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLED_PROPERTY, "true"))
                && Nd4j.getEnvironment().helpersAllowed();
    }

    /**
     * Returns the platform folder of the loaded ND4J library, such as {@code linux-x86_64} or
     * {@code linux-x86_64-onednn-avx512}, taken from the path JavaCPP extracted it to; "unknown" before it loaded.
     */
    public static String loadedBuild() {
        Map<String, String> loaded = Loader.getLoadedLibraries();
        for (Map.Entry<String, String> library : loaded.entrySet()) {
            if (library.getKey().contains(ND4J_LIBRARY)) {
                String path = library.getValue().replace('\\', '/');
                int end = path.lastIndexOf('/');
                int start = path.lastIndexOf('/', end - 1);
                return end > 0 && start >= 0 ? path.substring(start + 1, end) : path;
            }
        }
        return "unknown";
    }
}
