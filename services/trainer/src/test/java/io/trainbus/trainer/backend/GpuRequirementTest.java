package io.trainbus.trainer.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class GpuRequirementTest {

    private static final ComputeBackend CPU = ComputeBackend.loaded("CPU", true, List.of("CPU (2 cores)"), false, true);
    private static final ComputeBackend GPU = ComputeBackend.loaded("CUDA", false, List.of("GPU 0"), true, true);
    private static final ComputeBackend CUDA_WITHOUT_DEVICE =
            ComputeBackend.loaded("CUDA", false, List.of(), true, true);

    @Test
    void cpuIsReadyWhenGpuNotRequired() {
        assertThat(GpuRequirement.unmetReason(CPU, false)).isEmpty();
    }

    @Test
    void cpuIsNotReadyWhenGpuRequired() {
        Optional<String> reason = GpuRequirement.unmetReason(CPU, true);

        assertThat(reason).isPresent();
        assertThat(reason.get()).contains("trainbus.trainer.require-gpu=true");
        assertThat(reason.get()).contains("CPU backend");
        assertThat(reason.get()).contains("profile cuda");
    }

    @Test
    void gpuIsReadyWhenGpuRequired() {
        assertThat(GpuRequirement.unmetReason(GPU, true)).isEmpty();
    }

    @Test
    void cudaBackendWithoutDeviceIsNotReady() {
        Optional<String> reason = GpuRequirement.unmetReason(CUDA_WITHOUT_DEVICE, true);

        assertThat(reason).isPresent();
        assertThat(reason.get()).contains("sees no GPU");
        assertThat(reason.get()).contains("nvidia.com/gpu");
    }

    @Test
    void cudnnActiveOnlyOnGpuWithHelpers() {
        assertThat(GPU.cudnnActive()).isTrue();
        assertThat(CPU.cudnnActive()).isFalse();
        assertThat(ComputeBackend.loaded("CUDA", false, List.of("GPU 0"), true, false).cudnnActive()).isFalse();
        assertThat(ComputeBackend.loaded("CUDA", false, List.of("GPU 0"), false, true).cudnnActive()).isFalse();
    }

    @Test
    void unavailableBackendIsNeverReady() {
        ComputeBackend unavailable = ComputeBackend.unavailable("NoAvailableBackendException: no backend");

        for (boolean requireGpu : new boolean[] {false, true}) {
            Optional<String> reason = GpuRequirement.unmetReason(unavailable, requireGpu);

            assertThat(reason).as("require-gpu=%s", requireGpu).isPresent();
            assertThat(reason.get()).contains("could not load a backend");
            assertThat(reason.get()).contains("NoAvailableBackendException: no backend");
            assertThat(reason.get()).contains("libcuda.so.1");
        }
        assertThat(unavailable.gpuUsable()).isFalse();
    }

    @Test
    void detectorReportsBackendLoadFailure() {
        ComputeBackend backend = BackendDetector.detect(() -> {
            throw new ExceptionInInitializerError(new RuntimeException("libcuda.so.1: cannot open shared object"));
        });

        assertThat(backend.available()).isFalse();
        assertThat(backend.loadFailure()).contains("ExceptionInInitializerError");
        assertThat(backend.loadFailure()).isEqualTo(
                "ExceptionInInitializerError caused by RuntimeException: libcuda.so.1: cannot open shared object");
    }

    @Test
    void detectorFindsCpuBackendInDefaultBuild() {
        ComputeBackend backend = BackendDetector.detect();

        assertThat(backend.available()).isTrue();
        assertThat(backend.cpu()).isTrue();
        assertThat(backend.name()).isEqualTo("CPU");
        assertThat(backend.devices()).hasSize(1);
        assertThat(backend.gpuUsable()).isFalse();
        assertThat(backend.cudnnBuilt()).isFalse();
    }
}
