package io.trainbus.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a small experiment through the packaged services with {@code trainbus local run} (local Kafka and S3 server,
 * four service processes) and compares the time from the first submitted job to the results table with the
 * trainer's own training time of the jobs, which the trainer logs as "training finished: ... in N s".
 */
final class EndToEndOverhead {

    static final List<String> RUN_OPTIONS = List.of("--train-limit", "2000", "--test-limit", "500", "--mlp-epochs",
            "1", "--cnn-epochs", "1");
    private static final Pattern TRAINING_SECONDS = Pattern.compile("training finished: .* in ([0-9.]+) s");
    private static final int JOBS = 2;

    private EndToEndOverhead() {
    }

    /**
     * Figures of one run.
     *
     * @param jobsWallSeconds from the first "Submitted job" line to the results table
     * @param trainingSeconds sum of the jobs' training times
     * @param jobs jobs in the experiment
     */
    record Result(double jobsWallSeconds, double trainingSeconds, int jobs) {

        double overheadPerJob() {
            return (jobsWallSeconds - trainingSeconds) / jobs;
        }
    }

    /**
     * Runs the experiment from the checkout, whose {@code services/*}{@code /target} folders hold the packaged
     * services, and reads the trainer's log lines that this run added.
     */
    static Result measure(Path cliJar, Path archive, Path home) throws IOException, InterruptedException {
        Path folder = home.toAbsolutePath().normalize();
        Path trainerLog = folder.resolve(".trainbus").resolve("logs").resolve("trainer.log");
        long logOffset = Files.isRegularFile(trainerLog) ? Files.size(trainerLog) : 0;
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                cliJar.toAbsolutePath().toString(), "local", "run", "--home", folder.toString(), "--cifar10",
                archive.toAbsolutePath().toString()));
        command.addAll(RUN_OPTIONS);
        System.out.printf("%n== end to end: %s, load %s%n", String.join(" ", command), MachineInfo.load());
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        long firstSubmitted = 0;
        long table = 0;
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                System.out.println("   " + line);
                if (firstSubmitted == 0 && line.startsWith("Submitted job")) {
                    firstSubmitted = System.nanoTime();
                }
                if (table == 0 && line.startsWith("Model ") && line.contains("Training time")) {
                    table = System.nanoTime();
                }
            }
        }
        if (!process.waitFor(20, TimeUnit.MINUTES) || process.exitValue() != 0 || firstSubmitted == 0 || table == 0) {
            process.destroyForcibly();
            throw new IOException("trainbus local run did not finish both jobs; see " + folder.resolve(".trainbus")
                    .resolve("logs"));
        }
        double training = 0;
        byte[] log = Files.readAllBytes(trainerLog);
        // A log shorter than before was rewritten by this run, so all of it is new.
        int from = log.length >= logOffset ? (int) logOffset : 0;
        String added = new String(log, from, log.length - from, StandardCharsets.UTF_8);
        for (String line : added.split("\n")) {
            Matcher matcher = TRAINING_SECONDS.matcher(line);
            if (matcher.find()) {
                training += Double.parseDouble(matcher.group(1));
            }
        }
        return new Result((table - firstSubmitted) / 1e9, training, JOBS);
    }
}
