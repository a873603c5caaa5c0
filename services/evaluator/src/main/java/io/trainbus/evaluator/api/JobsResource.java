package io.trainbus.evaluator.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trainbus.evaluator.jobs.JobTracking;
import io.trainbus.evaluator.jobs.JobView;
import io.trainbus.evaluator.storage.ReportKeys;
import io.trainbus.evaluator.storage.ReportKeys.JobPicture;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Jobs with their state and epoch history, and each job's report and pictures. */
@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    @Inject
    JobTracking tracking;

    @Inject
    StoredObjects objects;

    /** @return every job seen on Kafka, the most recently updated first, without epoch histories */
    @GET
    public List<Map<String, Object>> jobs() {
        return tracking.registry().jobs().stream().map(JobsResource::summary).toList();
    }

    /**
     * Returns one job with its epoch history and the links to its report and pictures.
     *
     * @param jobId the job
     * @return the job
     */
    @GET
    @Path("/{jobId}")
    public Map<String, Object> job(@PathParam("jobId") String jobId) {
        JobView job = find(jobId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job", job);
        body.put("report_url", objects.exists(ReportKeys.jobReport(jobId)) ? reportUrl(jobId) : null);
        body.put("pictures", pictures(jobId));
        return body;
    }

    /**
     * Returns a job's evaluation report as stored.
     *
     * @param jobId the job
     * @return the JSON report
     */
    @GET
    @Path("/{jobId}/report")
    public Response report(@PathParam("jobId") String jobId) {
        Ids.require("job id", jobId);
        return objects.json(ReportKeys.jobReport(jobId), "No report of job " + jobId + " is stored: the job is "
                + describeState(jobId) + ". A report exists once the job is evaluated.");
    }

    /**
     * Lists a job's stored pictures.
     *
     * @param jobId the job
     * @return name, key and URL of each stored picture
     */
    @GET
    @Path("/{jobId}/pictures")
    public List<Map<String, Object>> pictureList(@PathParam("jobId") String jobId) {
        Ids.require("job id", jobId);
        return pictures(jobId);
    }

    /**
     * Returns one picture of a job.
     *
     * @param jobId the job
     * @param name a picture name, with or without {@code .png}
     * @return the PNG
     */
    @GET
    @Path("/{jobId}/pictures/{name}")
    @Produces({"image/png", MediaType.APPLICATION_JSON})
    public Response picture(@PathParam("jobId") String jobId, @PathParam("name") String name) {
        Ids.require("job id", jobId);
        Ids.requirePictureName(name);
        JobPicture picture = ReportKeys.picture(JobPicture.values(), name).orElseThrow(() -> ApiException.notFound(
                "Job pictures have no picture named '" + name + "': use one of "
                        + ReportKeys.pictureNames(JobPicture.values())));
        return objects.png(ReportKeys.jobPicture(jobId, picture), "The " + picture.pictureName()
                + " picture of job " + jobId + " is not stored: the job is " + describeState(jobId) + ".");
    }

    private JobView find(String jobId) {
        Ids.require("job id", jobId);
        return tracking.registry().job(jobId).orElseThrow(() -> ApiException.notFound("Job " + jobId
                + " not found: no event of it is on Kafka" + (tracking.caughtUp() ? ""
                        : " yet, and the job state is still being rebuilt; retry in a few seconds")));
    }

    private String describeState(String jobId) {
        return tracking.registry().job(jobId).map(job -> job.state().jsonName())
                .orElse("unknown to the evaluator (no event of it is on Kafka)");
    }

    private List<Map<String, Object>> pictures(String jobId) {
        return objects.existingPictures(JobPicture.values(), picture -> ReportKeys.jobPicture(jobId, picture),
                picture -> "/api/jobs/" + jobId + "/pictures/" + picture.pictureName());
    }

    private static String reportUrl(String jobId) {
        return "/api/jobs/" + jobId + "/report";
    }

    /** Returns the job's fields without the epoch history, plus its URL. */
    static Map<String, Object> summary(JobView job) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("job_id", job.jobId());
        row.put("experiment_id", job.experimentId());
        row.put("model", job.model());
        row.put("state", job.state());
        row.put("epochs_run", job.epochs().size());
        row.put("epochs_planned", job.epochsPlanned());
        row.put("test_accuracy", job.testAccuracy());
        row.put("updated_at_ms", job.updatedAtMs());
        row.put("url", "/api/jobs/" + job.jobId());
        return row;
    }
}
