package io.trainbus.trainer.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class NativeBuildSelectorTest {

    /** Flags of an AMD EPYC (Zen 4) as /proc/cpuinfo lists them, shortened to the vector extensions. */
    private static final Set<String> AVX512_CPU = Set.of("fpu", "sse4_2", "avx", "avx2", "fma", "f16c", "bmi1",
            "bmi2", "avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl", "avx512_vnni");
    /** An Intel Haswell or AMD Zen 2: AVX2 without AVX-512. */
    private static final Set<String> AVX2_CPU = Set.of("fpu", "sse4_2", "avx", "avx2", "fma", "f16c", "bmi1",
            "bmi2");
    /** An Intel Sandy Bridge: AVX without AVX2. */
    private static final Set<String> AVX_CPU = Set.of("fpu", "sse4_2", "avx");

    @Test
    void avx512CpuGetsOnednnAvx512() {
        var selection = NativeBuildSelector.select(AVX512_CPU, build -> true);

        assertThat(selection.build()).isEqualTo(NativeBuild.ONEDNN_AVX512);
        assertThat(selection.build().classifier()).isEqualTo("linux-x86_64-onednn-avx512");
        assertThat(selection.reason()).contains("avx512bw");
    }

    @Test
    void avx2CpuGetsOnednnAvx2() {
        var selection = NativeBuildSelector.select(AVX2_CPU, build -> true);

        assertThat(selection.build()).isEqualTo(NativeBuild.ONEDNN_AVX2);
        assertThat(selection.reason()).contains("linux-x86_64-onednn-avx512 skipped: the CPU lacks avx512bw");
    }

    @Test
    void cpuMissingOneAvx512FlagFallsBackToAvx2() {
        Set<String> withoutVl = new java.util.HashSet<>(AVX512_CPU);
        withoutVl.remove("avx512vl");

        var selection = NativeBuildSelector.select(withoutVl, build -> true);

        assertThat(selection.build()).isEqualTo(NativeBuild.ONEDNN_AVX2);
        assertThat(selection.reason()).contains("lacks avx512vl");
    }

    @Test
    void oldCpuGetsPlainBuild() {
        var selection = NativeBuildSelector.select(AVX_CPU, build -> true);

        assertThat(selection.build()).isEqualTo(NativeBuild.PLAIN);
        assertThat(selection.build().extension()).isEmpty();
        assertThat(selection.reason()).contains("no faster build fits").contains("lacks avx2");
    }

    @Test
    void unknownFlagsGetPlainBuild() {
        var selection = NativeBuildSelector.select(Set.of(), build -> true);

        assertThat(selection.build()).isEqualTo(NativeBuild.PLAIN);
        assertThat(selection.reason()).startsWith("the CPU flags are unknown");
    }

    @Test
    void missingJarIsSkipped() {
        var selection = NativeBuildSelector.select(AVX512_CPU, build -> build != NativeBuild.ONEDNN_AVX512);

        assertThat(selection.build()).isEqualTo(NativeBuild.ONEDNN_AVX2);
        assertThat(selection.reason()).contains("linux-x86_64-onednn-avx512 skipped: its jar is not on the classpath");
    }

    @Test
    void noFastJarsGetPlainBuild() {
        var selection = NativeBuildSelector.select(AVX512_CPU, build -> false);

        assertThat(selection.build()).isEqualTo(NativeBuild.PLAIN);
    }

    @Test
    void cpuinfoFlagsAreParsed() {
        List<String> cpuinfo = List.of("processor\t: 0", "model name\t: AMD EPYC", "flags\t\t: fpu AVX2 avx512f ",
                "processor\t: 1", "flags\t\t: fpu");

        assertThat(CpuFeatures.parse(cpuinfo)).containsExactlyInAnyOrder("fpu", "avx2", "avx512f");
    }

    @Test
    void cpuinfoWithoutFlagsGivesEmptySet() {
        assertThat(CpuFeatures.parse(List.of("processor\t: 0", "vendor_id\t: ARM"))).isEmpty();
    }

    @Test
    void shippedJarsAreOnTheClasspath() {
        ClassLoader loader = getClass().getClassLoader();

        assertThat(NativeBuild.PREFERENCE).allSatisfy(build ->
                assertThat(loader.getResource(build.libraryResource())).as(build.classifier()).isNotNull());
    }
}
