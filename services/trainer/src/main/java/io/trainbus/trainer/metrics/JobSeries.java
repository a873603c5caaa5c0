package io.trainbus.trainer.metrics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.trainbus.models.EpochResult;
import org.jboss.logging.Logger;

/**
 * The per-job gauges of recent jobs, with two bounds on their number: a job's gauges are removed
 * {@code retention} after it ends, and when more than {@code maxJobs} jobs have gauges, those of the oldest jobs
 * go first (ended jobs before running ones).
 */
final class JobSeries {

    private static final Logger LOG = Logger.getLogger(JobSeries.class);

    private final MeterRegistry registry;
    private final ScheduledExecutorService scheduler;
    private final Duration retention;
    private final int maxJobs;
    /** Gauges by job id, in the order the jobs reported their first epoch. This map keeps them reachable. */
    private final Map<String, Entry> jobs = new LinkedHashMap<>();

    /** One job's gauges and whether the job has ended. */
    private static final class Entry {
        final JobGauges gauges;
        boolean ended;

        Entry(JobGauges gauges) {
            this.gauges = gauges;
        }
    }

    JobSeries(MeterRegistry registry, ScheduledExecutorService scheduler, Duration retention, int maxJobs) {
        this.registry = registry;
        this.scheduler = scheduler;
        this.retention = retention;
        this.maxJobs = Math.max(1, maxJobs);
    }

    /** Shows the figures of a job's latest epoch, creating the job's gauges on its first epoch. */
    synchronized void update(String jobId, String model, EpochResult result) {
        Entry entry = jobs.get(jobId);
        if (entry == null || entry.ended) {
            // A job id that comes back after its end (a resubmitted job) starts with fresh gauges.
            remove(jobId);
            jobs.put(jobId, new Entry(new JobGauges(registry, jobId, model, result)));
            enforceLimit();
        } else {
            entry.gauges.update(result);
        }
    }

    /** Marks a job as ended and schedules the removal of its gauges; does nothing for a job without gauges. */
    synchronized void ended(String jobId) {
        Entry entry = jobs.get(jobId);
        if (entry == null || entry.ended) {
            return;
        }
        entry.ended = true;
        scheduler.schedule(() -> expire(jobId, entry), retention.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** @return the number of jobs that currently have gauges */
    synchronized int size() {
        return jobs.size();
    }

    private synchronized void expire(String jobId, Entry entry) {
        // The job id may have been reused since: remove only the gauges this task was scheduled for.
        if (jobs.get(jobId) == entry) {
            remove(jobId);
            LOG.debugf("job=%s per-job series removed %s after the job ended", jobId, retention);
        }
    }

    private void enforceLimit() {
        while (jobs.size() > maxJobs) {
            String oldest = oldestEnded();
            remove(oldest == null ? jobs.keySet().iterator().next() : oldest);
        }
    }

    private String oldestEnded() {
        return jobs.entrySet().stream()
                .filter(job -> job.getValue().ended)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }

    private void remove(String jobId) {
        Entry entry = jobs.remove(jobId);
        if (entry != null) {
            entry.gauges.remove(registry);
        }
    }
}
