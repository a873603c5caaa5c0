package io.trainbus.cli.follow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.trainbus.proto.v1.EvaluationCompleted;

/**
 * Renders the final table of a follow: one row per ended job. Test figures are those of the best checkpoint
 * (lowest validation loss), which the evaluator scores. A failed job shows "-" for every figure, and for its model
 * when no event of the job named one.
 */
public final class ResultsTable {

    private static final List<String> HEADER = List.of("Model", "Job", "Parameters", "Epochs run", "Best epoch",
            "Test acc", "Test loss", "Training time", "Result");
    /** Columns 2 to 7 hold numbers and are right-aligned. */
    private static final int FIRST_NUMBER_COLUMN = 2;
    private static final int LAST_NUMBER_COLUMN = 7;
    private static final String MISSING = "-";

    private ResultsTable() {
    }

    /**
     * Renders the table.
     *
     * @param outcomes the ended jobs, in display order
     * @return the table with a header line and a rule, lines ending in {@code \n}
     */
    public static String render(List<JobOutcome> outcomes) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (JobOutcome outcome : outcomes) {
            rows.add(row(outcome));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            table.append(line(rows.get(r), widths)).append('\n');
            if (r == 0) {
                int total = 0;
                for (int width : widths) {
                    total += width;
                }
                table.append("-".repeat(total + 2 * (widths.length - 1))).append('\n');
            }
        }
        return table.toString();
    }

    private static List<String> row(JobOutcome outcome) {
        if (!outcome.succeeded()) {
            String stage = outcome.failure().getStage().isEmpty() ? "unknown stage" : outcome.failure().getStage();
            return List.of(outcome.modelOr(MISSING), outcome.jobId(), MISSING, MISSING, MISSING, MISSING, MISSING, MISSING,
                    "failed in " + stage);
        }
        EvaluationCompleted evaluation = outcome.evaluation();
        return List.of(outcome.modelOr(MISSING), outcome.jobId(),
                String.format(Locale.ROOT, "%,d", evaluation.getParameters()),
                String.valueOf(evaluation.getEpochsRun()),
                String.valueOf(evaluation.getBestEpoch()),
                String.format(Locale.ROOT, "%.4f", evaluation.getTestAccuracy()),
                String.format(Locale.ROOT, "%.4f", evaluation.getTestLoss()),
                ProgressFormat.duration(evaluation.getTrainingSeconds()),
                "ok");
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append("  ");
            }
            boolean number = i >= FIRST_NUMBER_COLUMN && i <= LAST_NUMBER_COLUMN;
            String format = number ? "%" + widths[i] + "s" : "%-" + widths[i] + "s";
            line.append(String.format(Locale.ROOT, format, cells.get(i)));
        }
        return line.toString().stripTrailing();
    }
}
