package io.trainbus.e2e.faults;

import java.util.List;
import java.util.Map;

/**
 * The accounting of one fault scenario, computed from the pipeline's topics.
 *
 * @param scenario short name of the scenario, as it appears in the report
 * @param submitted job ids the scenario submitted (distinct)
 * @param completed jobs that ended with an {@code EvaluationCompleted}
 * @param failures reason of each job that ended with a {@code JobFailed} and no completion, by job id
 * @param lost jobs with neither a completion nor a failure with a reason: must be empty
 * @param trainedTwice what was repeated, by job id, for every job trained or evaluated more than once: must be
 *     empty
 * @param completedAndFailed jobs with both a completion and a failure: must be empty
 * @param repeatedStageEvents {@code DatasetIngested} and {@code DatasetPrepared} records beyond one per job, which
 *     later stages had to absorb; informative only, because at-least-once delivery allows them
 */
public record ScenarioCounts(String scenario, List<String> submitted, List<String> completed,
        Map<String, String> failures, List<String> lost, Map<String, List<String>> trainedTwice,
        List<String> completedAndFailed, int repeatedStageEvents) {

    /** Formats the counts as one row of the report's Markdown table, in the order of its header. */
    String markdownRow() {
        StringBuilder failed = new StringBuilder().append(failures.size());
        failures.forEach((job, reason) -> failed.append("<br>").append(job).append(": ").append(cell(reason)));
        StringBuilder repeated = new StringBuilder().append(trainedTwice.size());
        trainedTwice.forEach((job, findings) -> repeated.append("<br>").append(job).append(": ")
                .append(cell(String.join(", ", findings))));
        return "| " + cell(scenario) + " | " + submitted.size() + " | " + completed.size() + " | " + failed
                + " | " + lost.size() + (lost.isEmpty() ? "" : " " + lost) + " | " + repeated + " | "
                + completedAndFailed.size() + " | " + repeatedStageEvents + " |";
    }

    /** Escapes the table's column separator and flattens line breaks; reasons stay whole. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
    }
}
