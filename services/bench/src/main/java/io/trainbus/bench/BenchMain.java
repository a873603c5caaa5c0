package io.trainbus.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.trainbus.models.ReferenceModels;
import io.trainbus.trainer.backend.NativeThreads;

/**
 * {@code make bench}: measures every stage on real CIFAR-10 with the services' classes, the trainer against
 * Deeplearning4j's default setup and against PyTorch on the CPU (the peer benchmark), and rewrites the generated
 * part of BENCHMARKS.md.
 *
 * <p>Options: {@code --archive FILE} (cifar-10-binary.tar.gz, required), {@code --out FILE} (BENCHMARKS.md),
 * {@code --peer-bench DIR} (the peer benchmark's folder with run.sh; skipped when missing), {@code --work DIR}
 * (scratch space, about 2 GB), {@code --cli-jar FILE} (the trainbus command, for the end-to-end overhead; skipped
 * when missing), {@code --models LIST} (comma-separated reference models, all three by default).
 */
public final class BenchMain {

    static final String BEGIN = "<!-- make bench: begin (generated, do not edit by hand) -->";
    static final String END = "<!-- make bench: end -->";

    /** Chunk sizes per model: batch size, batches per chunk, timed chunks, warm-up chunks. */
    record Plan(String model, String peerName, int batch, int batches, int chunks, int warmUp) {
    }

    static final List<Plan> PLANS = List.of(
            new Plan(ReferenceModels.MLP, "mlp", 32, 40, 4, 1),
            new Plan(ReferenceModels.CNN, "cnn", 32, 40, 4, 1),
            new Plan(ReferenceModels.OPTIMIZED_CNN, "optcnn", 64, 6, 4, 1));

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path archive = Path.of(required(options, "--archive"));
        Path out = Path.of(options.getOrDefault("--out", "BENCHMARKS.md"));
        Path work = Files.createDirectories(Path.of(options.getOrDefault("--work", "target/bench-work")));
        Path peerBench = Path.of(options.getOrDefault("--peer-bench", "../shared/peer-bench"));
        Path cliJar = Path.of(options.getOrDefault("--cli-jar", "services/cli/target/quarkus-app/quarkus-run.jar"));
        long started = System.nanoTime();

        Report report = new Report(MachineInfo.describe(), MachineInfo.load());
        report.arguments = String.join(" ", args);
        DataStages.Rates stages = DataStages.run(archive, work, 3);
        report.stages = stages;
        report.stagesLoad = MachineInfo.load();

        Path tensors = work.resolve("tensors");
        List<String> models = List.of(options.getOrDefault("--models", String.join(",", PLANS.stream()
                .map(Plan::model).toList())).split(","));
        List<Plan> plans = PLANS.stream().filter(plan -> models.contains(plan.model())).toList();
        for (Plan plan : plans) {
            trainer(report, plan, TrainerThroughput.DEFAULT_SETUP, null, tensors);
            trainer(report, plan, TrainerThroughput.TRAINBUS_SETUP, null, tensors);
            // The other thread count than the trainer's default, to show the choice.
            int otherThreads = NativeThreads.forModel(plan.model()) == 1 ? 2 : 1;
            trainer(report, plan, TrainerThroughput.TRAINBUS_SETUP, String.valueOf(otherThreads), tensors);
        }
        if (Files.isRegularFile(peerBench.resolve("run.sh"))) {
            // A failing peer run leaves its row empty, so the product's own figures are still written.
            try {
                for (Plan plan : plans) {
                    report.peer.put(plan.model(), peer(peerBench, "model=" + plan.peerName(),
                            "bs=" + plan.batch(), "warmup=8", "chunk=8", "chunks=4", "maxChunks=6"));
                }
                report.gemm = peer(peerBench, "model=gemm", "chunk=5", "chunks=3");
            } catch (IOException e) {
                report.line("Peer benchmark failed: " + e.getMessage());
            }
        } else {
            report.line("Peer benchmark skipped: " + peerBench.resolve("run.sh") + " not found");
        }
        if (Files.isRegularFile(cliJar)) {
            try {
                report.endToEnd = EndToEndOverhead.measure(cliJar, archive, Path.of("."));
            } catch (IOException e) {
                report.line("End-to-end overhead failed: " + e.getMessage());
            }
        } else {
            report.line("End-to-end overhead skipped: " + cliJar + " not found (run make build first)");
        }
        report.minutes = (System.nanoTime() - started) / 60e9;
        String section = report.markdown();
        System.out.println(section);
        MarkdownSection.replace(out, BEGIN, END, section);
        System.out.println("Wrote " + out.toAbsolutePath());
    }

    /** Runs one trainer measurement and adds its row, or a note when it fails, so the other rows still appear. */
    private static void trainer(Report report, Plan plan, String setup, String threads, Path tensors)
            throws InterruptedException {
        try {
            report.trainer.add(trainer(plan, setup, threads, tensors));
        } catch (IOException e) {
            report.line(String.format("Trainer run %s (%d), %s%s failed: %s", plan.model(), plan.batch(), setup,
                    threads == null ? "" : ", " + threads + " threads", e.getMessage()));
        }
    }

    private static Map<String, String> trainer(Plan plan, String setup, String threads, Path tensors)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx2g",
                "-Dorg.bytedeco.javacpp.maxbytes=6g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=8g",
                "-cp", System.getProperty("java.class.path"), TrainerThroughput.class.getName(), plan.model(),
                String.valueOf(plan.batch()), String.valueOf(plan.batches()), String.valueOf(plan.chunks()),
                String.valueOf(plan.warmUp()), setup, tensors.toString()));
        if (threads != null) {
            command.add(threads);
        }
        String load = MachineInfo.load();
        System.out.printf("%n== trainer %s batch %d, %s%s, load %s%n", plan.model(), plan.batch(), setup,
                threads == null ? "" : ", " + threads + " threads", load);
        List<Map<String, String>> results = ChildProcess.run(command, Path.of("."), Map.of(),
                TrainerThroughput.PREFIX, 20, line -> System.out.println("   " + line));
        if (results.isEmpty()) {
            throw new IOException("The trainer measurement printed no result line: " + String.join(" ", command));
        }
        Map<String, String> result = new LinkedHashMap<>(results.get(0));
        result.put("load", load);
        return result;
    }

    private static Map<String, String> peer(Path peerBench, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", peerBench.resolve("run.sh").toString()));
        command.addAll(List.of(arguments));
        String load = MachineInfo.load();
        System.out.printf("%n== peer benchmark %s, load %s%n", String.join(" ", arguments), load);
        List<Map<String, String>> results = ChildProcess.run(command, Path.of("."), Map.of(), "RESULT ", 20,
                line -> System.out.println("   " + line));
        if (results.isEmpty()) {
            throw new IOException("The peer benchmark printed no RESULT line: " + String.join(" ", command));
        }
        Map<String, String> result = new HashMap<>(results.get(results.size() - 1));
        // The median counts only chunks during which no other process used the CPU; without one, take them all.
        if ("NaN".equals(result.get("median")) && result.containsKey("allMedian")) {
            result.put("median", result.get("allMedian"));
            result.put("note", " (no clean chunk: median of all)");
        }
        result.put("load", load);
        return result;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + args[i] + "': options are --archive, "
                        + "--out, --peer-bench, --work, --cli-jar and --models, each followed by a value");
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Missing " + name + ": pass the path of cifar-10-binary.tar.gz");
        }
        if (!new File(value).isFile()) {
            throw new IllegalArgumentException(name + " " + value + " is not a file: pass the path of "
                    + "cifar-10-binary.tar.gz");
        }
        return value;
    }

    static String date() {
        return ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT));
    }
}
