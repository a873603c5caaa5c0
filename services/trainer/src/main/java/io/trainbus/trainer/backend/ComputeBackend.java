package io.trainbus.trainer.backend;

import java.util.List;

/**
 * The ND4J backend this process trains on, as detected once at start-up.
 *
 * @param name backend name as ND4J reports it, for example {@code CPU} or {@code CUDA}
 * @param cpu whether ND4J runs on the CPU (the {@code nd4j-native} backend)
 * @param devices one description for each device ND4J can use; for the CPU backend, the CPU itself
 * @param cudnnBuilt whether the native library was built with cuDNN ({@code HAVE_CUDNN} in its build information)
 * @param helpersAllowed whether ND4J may call platform helpers such as cuDNN instead of its own kernels
 * @param loadFailure why ND4J could not load any backend, or null when it loaded one
 */
public record ComputeBackend(String name, boolean cpu, List<String> devices, boolean cudnnBuilt,
        boolean helpersAllowed, String loadFailure) {

    public ComputeBackend {
        devices = List.copyOf(devices);
    }

    /**
     * Creates a backend that ND4J loaded; the parameters are those of the record.
     *
     * @return a backend with no load failure
     */
    public static ComputeBackend loaded(String name, boolean cpu, List<String> devices, boolean cudnnBuilt,
            boolean helpersAllowed) {
        return new ComputeBackend(name, cpu, devices, cudnnBuilt, helpersAllowed, null);
    }

    /**
     * Creates the result of a failed load, for example the CUDA build on a node without the NVIDIA driver.
     *
     * @param failure the error and its causes, as text
     * @return a backend that can run nothing
     */
    public static ComputeBackend unavailable(String failure) {
        return new ComputeBackend("unavailable", false, List.of(), false, false, failure);
    }

    /**
     * Returns whether ND4J loaded a backend at all.
     *
     * @return false when every backend on the classpath failed to load
     */
    public boolean available() {
        return loadFailure == null;
    }

    /**
     * Returns whether a GPU is usable: the backend loaded, is not the CPU one and reports at least one device.
     *
     * @return true when training runs on a GPU
     */
    public boolean gpuUsable() {
        return available() && !cpu && !devices.isEmpty();
    }

    /**
     * Returns whether cuDNN helpers run: the library contains them, ND4J allows helpers and a GPU is usable.
     *
     * @return true when convolutions and batch normalization may go through cuDNN
     */
    public boolean cudnnActive() {
        return gpuUsable() && cudnnBuilt && helpersAllowed;
    }
}
