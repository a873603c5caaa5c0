package io.trainbus.trainer.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.factory.Nd4jBackend;

/** Reads which ND4J backend and devices this process uses. */
public final class BackendDetector {

    /** Key of the device list in the CUDA backend's environment information: a list of maps, one per GPU. */
    static final String CUDA_DEVICES_KEY = "cuda.devicesInformation";

    private BackendDetector() {
    }

    /**
     * Loads ND4J's backend (which loads its native library on first use) and describes it.
     *
     * @return the backend, its devices and whether cuDNN helpers are available
     */
    public static ComputeBackend detect() {
        return detect(Nd4j::getBackend);
    }

    /**
     * Describes the backend that a loader returns, or the failure when loading throws.
     *
     * @param loader loads ND4J's backend, normally {@code Nd4j::getBackend}
     * @return the backend, or {@link ComputeBackend#unavailable} with the error chain
     */
    static ComputeBackend detect(Supplier<Nd4jBackend> loader) {
        Nd4jBackend backend;
        try {
            backend = loader.get();
        } catch (RuntimeException | LinkageError e) {
            // ND4J reports a native library that fails to load (such as libcuda.so.1 missing on a node without the
            // NVIDIA driver) as an ExceptionInInitializerError around NoAvailableBackendException.
            return ComputeBackend.unavailable(describe(e));
        }
        Environment environment = backend.getEnvironment();
        Properties information = Nd4j.getExecutioner().getEnvironmentInformation();
        String name = String.valueOf(information.getOrDefault("backend", backend.getClass().getSimpleName()));
        List<String> devices = environment.isCPU() ? describeCpu(information) : describeGpus(information);
        boolean cudnnBuilt = backend.buildInfo().contains("HAVE_CUDNN");
        return ComputeBackend.loaded(name, environment.isCPU(), devices, cudnnBuilt, environment.helpersAllowed());
    }

    /** Names the error and its root cause, whose message describes what failed; the layers between repeat it. */
    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String rootText = root.getClass().getSimpleName() + ": " + root.getMessage();
        return root == error ? rootText : error.getClass().getSimpleName() + " caused by " + rootText;
    }

    private static List<String> describeCpu(Properties information) {
        return List.of(String.format("CPU (%s cores, BLAS %s)", information.get("cores"),
                information.get("blas.vendor")));
    }

    // NOTE: the CUDA key names follow ND4J 1.0.0-M2.1's CudaExecutioner and were not checked on a GPU here.
    private static List<String> describeGpus(Properties information) {
        List<String> devices = new ArrayList<>();
        if (information.get(CUDA_DEVICES_KEY) instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> device) {
                    devices.add(String.format("%s (compute capability %s.%s, %s bytes total)",
                            device.get("cuda.deviceName"), device.get("cuda.deviceMajor"),
                            device.get("cuda.deviceMinor"), device.get("cuda.totalMemory")));
                }
            }
        }
        return devices;
    }
}
