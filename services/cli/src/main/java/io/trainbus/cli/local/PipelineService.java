package io.trainbus.cli.local;

import java.util.List;

/** The four services of the pipeline, in flow order, with the JVM flags the local run starts them with. */
public enum PipelineService {

    INGESTION("ingestion", List.of("-Xmx512m")),
    // Preprocessing streams record by record into .npy files, so the 553 MB training tensor never sits on its heap.
    PREPROCESSING("preprocessing", List.of("-Xmx512m")),
    // ND4J keeps tensors off the Java heap. JavaCPP caps that memory at maxbytes and the whole process at
    // maxphysicalbytes. These are the trainer's documented flags (services/trainer/README.md), under which one
    // full-size MLP epoch peaked at 1.33 GB resident.
    TRAINER("trainer", List.of("-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=2g",
            "-Dorg.bytedeco.javacpp.maxphysicalbytes=4g")),
    // The evaluator scores the 10,000 test images (123 MB as float32) with ND4J, so it also needs off-heap room.
    // NOTE: an estimate from the tensor size, not measured.
    // It also draws the report pictures, with no display.
    EVALUATOR("evaluator", List.of("-Xmx512m", "-Dorg.bytedeco.javacpp.maxbytes=1g",
            "-Dorg.bytedeco.javacpp.maxphysicalbytes=2g", "-Djava.awt.headless=true"));

    private final String serviceName;
    private final List<String> jvmFlags;

    PipelineService(String serviceName, List<String> jvmFlags) {
        this.serviceName = serviceName;
        this.jvmFlags = jvmFlags;
    }

    /** @return the module folder under {@code services/}, also the log file name */
    public String serviceName() {
        return serviceName;
    }

    /** @return flags placed before {@code -jar} */
    public List<String> jvmFlags() {
        return jvmFlags;
    }
}
