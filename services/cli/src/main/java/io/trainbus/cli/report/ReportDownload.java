package io.trainbus.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainbus.common.messaging.Json;
import io.trainbus.common.request.JobIds;

/**
 * Copies the reports and pictures of an experiment or a job from the read API into a folder:
 *
 * <pre>
 * {out}/{experimentId}/experiment.json, report.json, {picture}.png     the experiment and its comparison
 * {out}/{experimentId}/{jobId}/job.json, report.json, {picture}.png    each job of it
 * {out}/{jobId}/job.json, report.json, {picture}.png                  a single job
 * </pre>
 *
 * Ids come back from the API, which only accepts ids of letters, digits, '.', '-' and '_'; each is checked again
 * before it becomes a folder name.
 */
public final class ReportDownload {

    private final ReadApiClient api;

    /**
     * @param api the read API
     */
    public ReportDownload(ReadApiClient api) {
        this.api = api;
    }

    /**
     * Downloads an experiment and every job of it.
     *
     * @param experimentId the experiment
     * @param out the parent folder
     * @return the written files, in download order
     * @throws ReadApiClient.ApiException when the experiment is unknown or the API fails
     * @throws IOException when a file cannot be written
     */
    public List<Path> experiment(String experimentId, Path out) throws ReadApiClient.ApiException, IOException {
        JsonNode experiment = api.json("/api/experiments/" + experimentId);
        Path folder = out.resolve(folderName(experimentId));
        List<Path> written = documentReportAndPictures(experiment, folder.resolve("experiment.json"));
        for (JsonNode job : experiment.path("jobs")) {
            written.addAll(job(job.path("job_id").asText(), folder));
        }
        return written;
    }

    /**
     * Downloads one job.
     *
     * @param jobId the job
     * @param out the parent folder
     * @return the written files, in download order
     * @throws ReadApiClient.ApiException when the job is unknown or the API fails
     * @throws IOException when a file cannot be written
     */
    public List<Path> job(String jobId, Path out) throws ReadApiClient.ApiException, IOException {
        JsonNode job = api.json("/api/jobs/" + jobId);
        return documentReportAndPictures(job, out.resolve(folderName(jobId)).resolve("job.json"));
    }

    /** Writes an API document, then the report and the pictures it links to, into the document's folder. */
    private List<Path> documentReportAndPictures(JsonNode document, Path documentFile)
            throws ReadApiClient.ApiException, IOException {
        Path folder = documentFile.getParent();
        List<Path> written = new ArrayList<>();
        written.add(write(documentFile, Json.MAPPER.writeValueAsBytes(document)));
        if (document.hasNonNull("report_url")) {
            written.add(write(folder.resolve("report.json"), api.bytes(document.get("report_url").asText())));
        }
        for (JsonNode picture : document.path("pictures")) {
            String name = folderName(picture.path("name").asText());
            written.add(write(folder.resolve(name + ".png"), api.bytes(picture.path("url").asText())));
        }
        return written;
    }

    /** Rejects a name from the API that could leave the output folder. */
    private static String folderName(String id) {
        if (!JobIds.isValid(id)) {
            throw new IllegalStateException("The read API returned the id or name '" + id + "', which is not a safe"
                    + " file name; the evaluator and this CLI are probably of different versions");
        }
        return id;
    }

    private static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return file;
    }
}
