package io.trainbus.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects the figures of one {@code make bench} run and renders them as Markdown. */
final class Report {

    private final String machine;
    private final String startLoad;
    private final List<String> notes = new ArrayList<>();
    final List<Map<String, String>> trainer = new ArrayList<>();
    final Map<String, Map<String, String>> peer = new LinkedHashMap<>();
    DataStages.Rates stages;
    String stagesLoad;
    Map<String, String> gemm;
    EndToEndOverhead.Result endToEnd;
    double minutes;
    String arguments = "";

    Report(String machine, String startLoad) {
        this.machine = machine;
        this.startLoad = startLoad;
    }

    void line(String note) {
        notes.add(note);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Written by `make bench` on %s in %.1f minutes. Load average (1, 5, "
                + "15 min) at the start: %s.%n%n", BenchMain.date(), minutes, startLoad));
        md.append("Command: `make bench`, which runs `io.trainbus.bench.BenchMain ").append(arguments).append("`.\n\n");
        md.append("Machine: ").append(machine).append(".\n\n");
        if (gemm != null) {
            md.append(String.format(Locale.ROOT, "Machine's float32 matrix-product rate: %s GFLOP/s (peer "
                    + "benchmark `model=gemm`, PyTorch, median; load %s).%n%n", gemm.get("median"), gemm.get("load")));
        }
        appendStages(md);
        appendTrainer(md);
        appendRatios(md);
        if (endToEnd != null) {
            md.append(String.format(Locale.ROOT, "%n### End-to-end overhead%n%n`trainbus local run %s`: %.1f s from "
                    + "the first submitted job to the results table, of which %.1f s training (the trainer's log), so "
                    + "%.1f s of overhead per job (ingestion, preprocessing, model set-up, checkpoints, events, "
                    + "evaluation and pictures, partly overlapping the other job's training).%n",
                    String.join(" ", EndToEndOverhead.RUN_OPTIONS), endToEnd.jobsWallSeconds(),
                    endToEnd.trainingSeconds(), endToEnd.overheadPerJob()));
        }
        for (String note : notes) {
            md.append("\n- ").append(note);
        }
        return md.append('\n').toString();
    }

    private void appendStages(StringBuilder md) {
        md.append("### Stages before training\n\n| stage | rate | load |\n|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| ingestion: unpack and verify the %.0f MB archive | %.1f MB/s | %s |%n",
                stages.archiveMegabytes(), stages.ingestionMegabytesPerSecond(), stagesLoad));
        md.append(String.format(Locale.ROOT, "| preprocessing: scaled and z-scored tensors of 60,000 images | %.0f "
                + "images/s | %s |%n", stages.preprocessingImagesPerSecond(), stagesLoad));
        md.append(String.format(Locale.ROOT, "| augmentation, 1 thread (median, min-max of 3 epochs of 45,000) | %s "
                + "images/s | %s |%n", stages.augmentationSerial().summary(0), stagesLoad));
        md.append(String.format(Locale.ROOT, "| augmentation, %d threads | %s images/s | %s |%n%n", stages.threads(),
                stages.augmentationParallel().summary(0), stagesLoad));
    }

    private void appendTrainer(StringBuilder md) {
        md.append("### Trainer\n\nImages per second: median (min-max) of the timed chunks after one warm-up chunk. "
                + "`dl4j-default` is the plain nd4j-native build with ND4J's default threads and cache mode; "
                + "`trainbus` is what the trainer service runs. The gradient difference is the largest difference "
                + "between one batch's gradient in the trainer's setup and in Deeplearning4j's default one, relative "
                + "to the largest gradient of the same parameter array (float32 rounding is about 1e-7 per "
                + "operation).\n\n");
        md.append("| model (batch) | setup | native build loaded | layer helpers | threads | images/s | peak RSS MB "
                + "| share of machine GEMM | gradient difference | load |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, String> row : trainer) {
            md.append(String.format(Locale.ROOT, "| %s (%s) | %s | %s | %s | %s | %s (%s-%s) | %s | %s | %s | %s |%n",
                    row.get("model"), row.get("batch"), row.get("setup"), row.get("loaded"), row.get("helpers"),
                    row.get("threads"), row.get("median"), row.get("min"), row.get("max"), row.get("peakRssMb"),
                    machineShare(row), row.get("helperGradientDifference"), row.get("load")));
        }
        md.append('\n');
    }

    private void appendRatios(StringBuilder md) {
        md.append("### Ratios in this run\n\n| model (batch) | trainbus images/s | DL4J default | trainbus / DL4J "
                + "default | PyTorch (peer) | trainbus / PyTorch |\n|---|---|---|---|---|---|\n");
        for (BenchMain.Plan plan : BenchMain.PLANS) {
            Map<String, String> base = find(plan.model(), TrainerThroughput.DEFAULT_SETUP);
            Map<String, String> tuned = find(plan.model(), TrainerThroughput.TRAINBUS_SETUP);
            Map<String, String> torch = peer.get(plan.model());
            if (base == null || tuned == null) {
                continue;
            }
            double tunedRate = number(tuned, "median");
            md.append(String.format(Locale.ROOT, "| %s (%d) | %.1f | %.1f | %.2fx | %s | %s |%n", plan.model(),
                    plan.batch(), tunedRate, number(base, "median"), tunedRate / number(base, "median"),
                    torch == null ? "not run" : torch.get("median") + torch.getOrDefault("note", ""),
                    torch == null ? "-" : String.format(Locale.ROOT, "%.2fx", tunedRate / number(torch, "median"))));
        }
        Map<String, String> optimized = find(BenchMain.PLANS.get(2).model(), TrainerThroughput.TRAINBUS_SETUP);
        if (optimized == null) {
            return;
        }
        double trainerRate = number(optimized, "median");
        md.append(String.format(Locale.ROOT, "%nAugmentation against the trainer's optimized CNN: %.0f images/s on "
                + "%d threads against %.1f trained images/s, %.0fx (needed: at least 2x).%n",
                stages.augmentationParallel().median(), stages.threads(), trainerRate,
                stages.augmentationParallel().median() / trainerRate));
    }

    private String machineShare(Map<String, String> row) {
        if (gemm == null) {
            return "-";
        }
        double flops = number(row, "median") * number(row, "trainFlopPerImage");
        return String.format(Locale.ROOT, "%.1f%%", 100 * flops / (number(gemm, "median") * 1e9));
    }

    /** Returns the first trainer row of a model and setup (the one with the trainer's thread count), or null. */
    private Map<String, String> find(String model, String setup) {
        for (Map<String, String> row : trainer) {
            if (row.get("model").equals(model) && row.get("setup").equals(setup)) {
                return row;
            }
        }
        return null;
    }

    private static double number(Map<String, String> row, String key) {
        return Double.parseDouble(row.get(key));
    }
}
