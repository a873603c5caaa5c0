package io.trainbus.evaluator.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.trainbus.evaluator.jobs.JobState;
import io.trainbus.evaluator.jobs.JobTracking;
import io.trainbus.evaluator.jobs.JobView;
import io.trainbus.evaluator.storage.ReportKeys;
import io.trainbus.evaluator.storage.ReportKeys.ExperimentPicture;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Experiments: the jobs that share an experiment id, their comparison report and the overlay chart. */
@Path("/api/experiments")
@Produces(MediaType.APPLICATION_JSON)
public class ExperimentsResource {

    @Inject
    JobTracking tracking;

    @Inject
    StoredObjects objects;

    /** @return every experiment seen on Kafka, by id, with its job count and jobs by state */
    @GET
    public List<Map<String, Object>> experiments() {
        Map<String, List<JobView>> byExperiment = new TreeMap<>();
        for (JobView job : tracking.registry().jobs()) {
            if (!job.experimentId().isEmpty()) {
                byExperiment.computeIfAbsent(job.experimentId(), id -> new ArrayList<>()).add(job);
            }
        }
        List<Map<String, Object>> experiments = new ArrayList<>();
        byExperiment.forEach((id, jobs) -> experiments.add(overview(id, jobs)));
        return experiments;
    }

    /**
     * Returns one experiment: its jobs with their states and the links to the report and the pictures.
     *
     * @param experimentId the experiment
     * @return the experiment
     */
    @GET
    @Path("/{experimentId}")
    public Map<String, Object> experiment(@PathParam("experimentId") String experimentId) {
        Ids.require("experiment id", experimentId);
        List<JobView> jobs = tracking.registry().experiment(experimentId);
        boolean reported = objects.exists(ReportKeys.experimentReport(experimentId));
        if (jobs.isEmpty() && !reported) {
            throw ApiException.notFound("Experiment " + experimentId + " not found: no job of it is on Kafka and "
                    + "no report of it is stored" + (tracking.caughtUp() ? ""
                            : "; the job state is still being rebuilt, retry in a few seconds"));
        }
        Map<String, Object> body = overview(experimentId, jobs);
        body.put("jobs", jobs.stream().map(JobsResource::summary).toList());
        body.put("report_url", reported ? "/api/experiments/" + experimentId + "/report" : null);
        body.put("pictures", objects.existingPictures(ExperimentPicture.values(),
                picture -> ReportKeys.experimentPicture(experimentId, picture),
                picture -> "/api/experiments/" + experimentId + "/pictures/" + picture.pictureName()));
        return body;
    }

    /**
     * Returns the comparison report of an experiment as stored.
     *
     * @param experimentId the experiment
     * @return the JSON report
     */
    @GET
    @Path("/{experimentId}/report")
    public Response report(@PathParam("experimentId") String experimentId) {
        Ids.require("experiment id", experimentId);
        return objects.json(ReportKeys.experimentReport(experimentId), "No report of experiment " + experimentId
                + " is stored: none of its jobs has been evaluated yet.");
    }

    /**
     * Returns one picture of an experiment.
     *
     * @param experimentId the experiment
     * @param name a picture name, with or without {@code .png}
     * @return the PNG
     */
    @GET
    @Path("/{experimentId}/pictures/{name}")
    @Produces({"image/png", MediaType.APPLICATION_JSON})
    public Response picture(@PathParam("experimentId") String experimentId, @PathParam("name") String name) {
        Ids.require("experiment id", experimentId);
        Ids.requirePictureName(name);
        ExperimentPicture picture = ReportKeys.picture(ExperimentPicture.values(), name).orElseThrow(
                () -> ApiException.notFound("Experiments have no picture named '" + name + "': use one of "
                        + ReportKeys.pictureNames(ExperimentPicture.values())));
        return objects.png(ReportKeys.experimentPicture(experimentId, picture), "The " + picture.pictureName()
                + " picture of experiment " + experimentId + " is not stored: none of its jobs has been evaluated"
                + " yet.");
    }

    private static Map<String, Object> overview(String experimentId, List<JobView> jobs) {
        Map<String, Long> states = new TreeMap<>();
        for (JobView job : jobs) {
            states.merge(job.state().jsonName(), 1L, Long::sum);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("experiment_id", experimentId);
        row.put("job_count", jobs.size());
        row.put("jobs_by_state", states);
        row.put("ended", !jobs.isEmpty() && jobs.stream().map(JobView::state).allMatch(JobState::ended));
        row.put("url", "/api/experiments/" + experimentId);
        return row;
    }
}
