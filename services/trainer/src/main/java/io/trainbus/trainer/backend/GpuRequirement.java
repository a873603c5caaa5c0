package io.trainbus.trainer.backend;

import java.util.Optional;

/** Decides whether the trainer may take jobs on the backend it found, given whether it must train on a GPU. */
public final class GpuRequirement {

    private GpuRequirement() {
    }

    /**
     * Returns why the trainer is not ready, or empty when it is.
     *
     * @param backend the detected ND4J backend
     * @param requireGpu the value of {@code trainbus.trainer.require-gpu}
     * @return a reason that names the backend and the fix, empty when a backend loaded and either no GPU is required
     *         or one is usable
     */
    public static Optional<String> unmetReason(ComputeBackend backend, boolean requireGpu) {
        if (!backend.available()) {
            return Optional.of(String.format("ND4J could not load a backend (%s): for the CUDA build, check that the "
                    + "node has the NVIDIA driver (libcuda.so.1) and the pod requests nvidia.com/gpu",
                    backend.loadFailure()));
        }
        if (!requireGpu || backend.gpuUsable()) {
            return Optional.empty();
        }
        if (backend.cpu()) {
            return Optional.of(String.format("trainbus.trainer.require-gpu=true but ND4J runs on the %s backend: "
                    + "build the trainer with the Maven profile cuda (nd4j-cuda-11.6) or set "
                    + "trainbus.trainer.require-gpu=false to train on the CPU", backend.name()));
        }
        return Optional.of(String.format("trainbus.trainer.require-gpu=true but the %s backend sees no GPU: "
                + "check that the pod requests nvidia.com/gpu and the node runs the NVIDIA driver", backend.name()));
    }
}
