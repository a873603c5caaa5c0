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
 */
public record ComputeBackend(String name, boolean cpu, List<String> devices, boolean cudnnBuilt,
        boolean helpersAllowed) {

    public ComputeBackend {
        devices = List.copyOf(devices);
    }

    /**
     * Returns whether at least one GPU is usable: the backend is not the CPU one and it sees a device.
     *
     * @return true when training runs on a GPU
     */
    public boolean gpuUsable() {
        return !cpu && !devices.isEmpty();
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
