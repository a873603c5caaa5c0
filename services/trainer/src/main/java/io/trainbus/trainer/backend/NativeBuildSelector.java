package io.trainbus.trainer.backend;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Chooses the fastest nd4j-native build this CPU can execute, before ND4J loads its library. JavaCPP 1.5.7 loads a
 * library from the folder {@code <platform><extension>} when the system property
 * {@value #EXTENSION_PROPERTY} names an extension and that folder is on the classpath, and from the plain
 * {@code <platform>} folder when it is empty or that folder is missing (tried here). Without the property JavaCPP
 * takes the first extension it finds on the classpath whatever the CPU, so the selection always sets it, to an
 * empty value for the plain build.
 */
public final class NativeBuildSelector {

    /** JavaCPP's system property that selects a build variant of every native library it loads. */
    public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";

    private NativeBuildSelector() {
    }

    /**
     * The outcome of a selection.
     *
     * @param build the build to load
     * @param reason why, for the start-up log
     */
    public record Selection(NativeBuild build, String reason) {
    }

    /**
     * Picks the first build of {@link NativeBuild#PREFERENCE} whose jar is present and whose instructions the CPU
     * has.
     *
     * @param cpuFlags the CPU's flags as {@code /proc/cpuinfo} lists them; empty when unknown
     * @param onClasspath returns whether a build's jar is on the classpath
     * @return the build and the reason; {@link NativeBuild#PLAIN} when nothing faster qualifies
     */
    public static Selection select(Set<String> cpuFlags, Predicate<NativeBuild> onClasspath) {
        StringBuilder skipped = new StringBuilder();
        for (NativeBuild build : NativeBuild.PREFERENCE) {
            if (build.equals(NativeBuild.PLAIN)) {
                break;
            }
            Set<String> missing = new TreeSet<>(build.requiredFlags());
            missing.removeAll(cpuFlags);
            if (!missing.isEmpty()) {
                skipped.append(String.format("; %s skipped: the CPU lacks %s", build.classifier(),
                        String.join(", ", missing)));
            } else if (!onClasspath.test(build)) {
                skipped.append(String.format("; %s skipped: its jar is not on the classpath", build.classifier()));
            } else {
                return new Selection(build, "the CPU has " + String.join(", ", new TreeSet<>(build.requiredFlags()))
                        + skipped);
            }
        }
        String reason = cpuFlags.isEmpty() ? "the CPU flags are unknown (no /proc/cpuinfo)" : "no faster build fits";
        return new Selection(NativeBuild.PLAIN, reason + skipped);
    }

    /**
     * Sets {@value #EXTENSION_PROPERTY} for the build this machine should load, unless it is set already (an
     * operator's choice wins). Call it before anything uses ND4J; later calls change nothing once ND4J loaded.
     *
     * @return the selection, or the operator's extension with the reason "set by -D..."
     */
    public static Selection applyToThisProcess() {
        String preset = System.getProperty(EXTENSION_PROPERTY);
        if (preset != null) {
            NativeBuild chosen = NativeBuild.PREFERENCE.stream()
                    .filter(build -> build.extension().equals(preset))
                    .findFirst()
                    .orElse(new NativeBuild(preset, Set.of()));
            return new Selection(chosen, "set by -D" + EXTENSION_PROPERTY + "=" + preset);
        }
        ClassLoader loader = NativeBuildSelector.class.getClassLoader();
        Selection selection = select(CpuFeatures.current(),
                build -> loader.getResource(build.libraryResource()) != null);
        System.setProperty(EXTENSION_PROPERTY, selection.build().extension());
        return selection;
    }
}
