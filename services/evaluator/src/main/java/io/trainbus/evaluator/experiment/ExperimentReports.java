package io.trainbus.evaluator.experiment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.trainbus.common.messaging.Json;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.evaluator.pictures.EpochFigures;
import io.trainbus.evaluator.pictures.Png;
import io.trainbus.evaluator.pictures.ValidationAccuracyChart;
import io.trainbus.evaluator.storage.ReportKeys;
import io.trainbus.evaluator.storage.ReportKeys.ExperimentPicture;
import io.trainbus.proto.v1.ObjectRef;
import org.jboss.logging.Logger;

/**
 * Keeps an experiment's comparison report and its overlay chart up to date. Each evaluated or failed job adds its
 * row, and the report and chart are rebuilt from every stored row, so they survive restarts and list jobs handled
 * by any replica.
 *
 * <p>Updates within one service instance run one at a time, because the evaluation and the failure channels
 * could otherwise interleave their list and write steps. NOTE: two replicas finishing jobs of one experiment at
 * the same moment can each list the rows before the other's row is written. The last writer then leaves one row
 * out of the report until the next job of that experiment ends. The rows themselves are never lost.
 */
public final class ExperimentReports {

    /** Snake_case keys, like the job reports and the Protobuf field names. */
    static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final Logger LOG = Logger.getLogger(ExperimentReports.class);
    /** Serializes {@link #update} across the instances of this class in one JVM. */
    private static final Object UPDATE_LOCK = new Object();

    private final ObjectStore store;

    /**
     * @param store where the rows, the report and the chart go
     */
    public ExperimentReports(ObjectStore store) {
        this.store = store;
    }

    /**
     * Stores a job's row and rewrites the experiment's report and chart.
     *
     * @param experimentId the experiment
     * @param row the job's figures
     * @return the rewritten report
     * @throws IOException when a stored row cannot be parsed
     */
    public ObjectRef update(String experimentId, ExperimentRow row) throws IOException {
        synchronized (UPDATE_LOCK) {
            return rewrite(experimentId, row);
        }
    }

    private ObjectRef rewrite(String experimentId, ExperimentRow row) throws IOException {
        store.putBytes(ReportKeys.experimentRow(experimentId, row.jobId()), MAPPER.writeValueAsBytes(row),
                "application/json");
        List<ExperimentRow> rows = rows(experimentId);
        ObjectRef report = store.putBytes(ReportKeys.experimentReport(experimentId),
                MAPPER.writeValueAsBytes(report(experimentId, rows)), "application/json");
        writeChart(experimentId, rows);
        LOG.infof("experiment=%s report updated with job %s (%s): %d job(s) listed", experimentId, row.jobId(),
                row.state(), rows.size());
        return report;
    }

    /**
     * Reads every stored row of an experiment.
     *
     * @param experimentId the experiment
     * @return the rows, ordered by model and then job id
     * @throws IOException when a row cannot be parsed
     */
    public List<ExperimentRow> rows(String experimentId) throws IOException {
        List<ExperimentRow> rows = new ArrayList<>();
        for (String key : store.list(ReportKeys.experimentRows(experimentId))) {
            rows.add(MAPPER.readValue(store.getBytes(key), ExperimentRow.class));
        }
        rows.sort(Comparator.comparing(ExperimentRow::model).thenComparing(ExperimentRow::jobId));
        return rows;
    }

    /** Builds the report document: the rows side by side and the evaluated job with the highest test accuracy. */
    static Map<String, Object> report(String experimentId, List<ExperimentRow> rows) {
        List<ExperimentRow> evaluated = rows.stream().filter(ExperimentRow::evaluated).toList();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("experiment_id", experimentId);
        report.put("updated_at_ms", System.currentTimeMillis());
        report.put("jobs_evaluated", evaluated.size());
        report.put("jobs_failed", rows.size() - evaluated.size());
        report.put("best_job_id", evaluated.stream().max(Comparator.comparingDouble(ExperimentRow::testAccuracy))
                .map(ExperimentRow::jobId).orElse(null));
        report.put("jobs", rows);
        report.put("picture_keys", List.of(ReportKeys.experimentPicture(experimentId,
                ExperimentPicture.VALIDATION_ACCURACY)));
        return report;
    }

    /**
     * Draws the overlay from every evaluated job whose history is readable. A job without one is left out with a
     * warning, and failed jobs are left out silently.
     */
    private void writeChart(String experimentId, List<ExperimentRow> rows) {
        List<ValidationAccuracyChart.JobCurve> curves = new ArrayList<>();
        for (ExperimentRow row : rows) {
            if (!row.evaluated()) {
                continue;
            }
            try {
                List<EpochFigures> epochs = EpochFigures.parseHistory(store.getBytes(row.historyKey()),
                        row.historyKey());
                curves.add(new ValidationAccuracyChart.JobCurve(row.model() + " (" + row.jobId() + ")", epochs));
            } catch (RuntimeException e) {
                LOG.warnf(e, "experiment=%s job=%s left out of the validation accuracy chart: %s", experimentId,
                        row.jobId(), e.getMessage());
            }
        }
        byte[] png = ValidationAccuracyChart.render(experimentId, curves);
        store.putBytes(ReportKeys.experimentPicture(experimentId, ExperimentPicture.VALIDATION_ACCURACY), png,
                Png.CONTENT_TYPE);
    }
}
