package io.trainbus.preprocessing.prepare;

import static io.trainbus.preprocessing.prepare.PrepareFixtures.CLASS_NAMES;
import static io.trainbus.preprocessing.prepare.PrepareFixtures.GRAY;
import static io.trainbus.preprocessing.prepare.PrepareFixtures.grayManifest;
import static io.trainbus.preprocessing.prepare.PrepareFixtures.manifest;
import static io.trainbus.preprocessing.prepare.PrepareFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.dataset.RawManifest;
import org.junit.jupiter.api.Test;

class SplitPlanTest {

    @Test
    void planTakesValidationFromStartOfTraining() {
        SplitPlan plan = SplitPlan.of(spec(200, 1000, 200), manifest(10_000, 10_000));

        assertThat(plan.validation()).isEqualTo(200);
        assertThat(plan.train()).isEqualTo(800);
        assertThat(plan.test()).isEqualTo(200);
        assertThat(plan.trainFiles(manifest(10_000, 10_000))).containsExactly("data_batch_1.bin");
    }

    @Test
    void planWithoutLimitsUsesEveryRecord() {
        RawManifest manifest = manifest(10_000, 10_000);

        SplitPlan plan = SplitPlan.of(spec(5000, 0, 0), manifest);

        assertThat(plan.train()).isEqualTo(45_000);
        assertThat(plan.validation()).isEqualTo(5_000);
        assertThat(plan.test()).isEqualTo(10_000);
        assertThat(plan.trainFiles(manifest)).containsExactlyElementsOf(CifarFormat.TRAIN_FILES);
        assertThat(plan.testFiles(manifest)).containsExactly(CifarFormat.TEST_FILE);
    }

    @Test
    void planReadsFilesOfManifestSplits() {
        RawManifest manifest = grayManifest(List.of("train.bin"), 60_000, List.of("test.bin"), 10_000);

        SplitPlan plan = SplitPlan.of(spec(5000, 0, 0), manifest);

        assertThat(plan.validation()).isEqualTo(5_000);
        assertThat(plan.train()).isEqualTo(55_000);
        assertThat(plan.test()).isEqualTo(10_000);
        assertThat(plan.trainFiles(manifest)).containsExactly("train.bin");
        assertThat(plan.testFiles(manifest)).containsExactly("test.bin");
    }

    @Test
    void planRejectsSplitWithoutFiles() {
        RawManifest manifest = new RawManifest("fashion-mnist", "g2", GRAY, CLASS_NAMES, Map.of(
                RawManifest.TRAIN, new RawManifest.SplitCounts(100, List.of(), null),
                RawManifest.TEST, new RawManifest.SplitCounts(10, List.of(), List.of("test.bin"))), List.of());

        assertThatThrownBy(() -> SplitPlan.of(spec(10, 0, 0), manifest))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("g2")
                .hasMessageContaining("no train split")
                .hasMessageContaining("ingest the dataset again");
    }

    @Test
    void planRejectsValidationThatLeavesNoTraining() {
        assertThatThrownBy(() -> SplitPlan.of(spec(1000, 1000, 0), manifest(10_000, 10_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dataset.validation_size 1000")
                .hasMessageContaining("from 1 to 999");
    }

    @Test
    void planRejectsLimitAboveStoredRecords() {
        assertThatThrownBy(() -> SplitPlan.of(spec(10, 60_000, 0), manifest(10_000, 10_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dataset.train_limit 60000")
                .hasMessageContaining("50000 training records");
        assertThatThrownBy(() -> SplitPlan.of(spec(10, 0, 10_001), manifest(10_000, 10_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dataset.test_limit 10001");
    }
}
