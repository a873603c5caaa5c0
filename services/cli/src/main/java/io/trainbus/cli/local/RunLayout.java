package io.trainbus.cli.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Paths of a local run: the jars it starts and the files it writes. Jars are under the checkout ({@code --home}),
 * and logs, the local stack's data and the trainer's scratch space are under {@code <home>/.trainbus}.
 */
public final class RunLayout {

    private final Path home;

    /**
     * @param home the trainbus checkout
     */
    public RunLayout(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    /** @return the checkout folder, also the working folder of every started process */
    public Path home() {
        return home;
    }

    /** @return the runnable jar of the Kafka broker and S3 server */
    public Path localStackJar() {
        return home.resolve("services/localstack/target/trainbus-localstack.jar");
    }

    /**
     * Returns the Quarkus runner jar of a service.
     *
     * @param service the service
     * @return {@code services/<name>/target/quarkus-app/quarkus-run.jar} under home
     */
    public Path serviceJar(PipelineService service) {
        return home.resolve("services").resolve(service.serviceName()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** @return the folder of the run's log files */
    public Path logDir() {
        return home.resolve(".trainbus/logs");
    }

    /**
     * Returns the log file of a started process.
     *
     * @param name process name, for example {@code trainer}
     * @return {@code .trainbus/logs/<name>.log} under home
     */
    public Path logFile(String name) {
        return logDir().resolve(name + ".log");
    }

    /** @return the data folder of the local stack; S3 objects stay there between runs */
    public Path stackDataDir() {
        return home.resolve(".trainbus/stack");
    }

    /** @return the folder that local runs download reports and pictures into, one subfolder per experiment */
    public Path reportsDir() {
        return home.resolve(".trainbus/reports");
    }

    /** @return scratch space for the trainer's tensors and checkpoints */
    public Path trainerWorkDir() {
        return home.resolve(".trainbus/work/trainer");
    }

    /**
     * Checks that every jar exists.
     *
     * @throws LocalRunException naming each missing jar and telling to run {@code make build}
     */
    public void checkJars() throws LocalRunException {
        List<Path> jars = new ArrayList<>();
        jars.add(localStackJar());
        for (PipelineService service : PipelineService.values()) {
            jars.add(serviceJar(service));
        }
        List<String> missing = jars.stream().filter(jar -> !Files.isRegularFile(jar)).map(Path::toString).toList();
        if (!missing.isEmpty()) {
            throw new LocalRunException("Jar(s) not found: " + String.join(", ", missing) + ". Run `make build` in "
                    + home + " first, or pass the checkout folder with --home.");
        }
    }
}
