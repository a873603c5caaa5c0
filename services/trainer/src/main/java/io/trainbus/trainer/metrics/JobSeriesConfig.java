package io.trainbus.trainer.metrics;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long per-job series stay on {@code /q/metrics}, under {@code trainbus.metrics}. */
@ConfigMapping(prefix = "trainbus.metrics")
public interface JobSeriesConfig {

    /**
     * Time after a job ends, whatever its outcome, before its per-job series are removed. Prometheus keeps the
     * samples it scraped, so this only has to span a few scrape intervals for the final values to be stored.
     */
    @WithDefault("PT10M")
    Duration jobSeriesRetention();
}
