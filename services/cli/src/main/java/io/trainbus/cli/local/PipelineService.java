package io.trainbus.cli.local;

import java.util.List;

/** The four services of the pipeline, in flow order, with the JVM flags the local run starts them with. */
public enum PipelineService {

    INGESTION("ingestion", List.of("-Xmx512m")),
    // NOTE: sized for the full CIFAR-10 training split held as float32 (50,000 x 3,072 x 4 bytes = 614 MB) in one
    // heap array; lower it once preprocessing is measured to stream.
    PREPROCESSING("preprocessing", List.of("-Xmx1536m")),
    // ND4J keeps tensors off the Java heap; JavaCPP limits that memory to maxbytes, and the whole process
    // (heap included) to maxphysicalbytes.
    TRAINER("trainer", List.of("-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=6G",
            "-Dorg.bytedeco.javacpp.maxphysicalbytes=10G")),
    // The evaluator scores the test split with ND4J, so it also needs off-heap room beyond its heap.
    EVALUATOR("evaluator", List.of("-Xmx512m", "-Dorg.bytedeco.javacpp.maxbytes=3G",
            "-Dorg.bytedeco.javacpp.maxphysicalbytes=4G"));

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
