package io.trainbus.trainer.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the instruction-set flags of this machine's CPU from Linux' {@code /proc/cpuinfo}. */
public final class CpuFeatures {

    static final Path CPUINFO = Path.of("/proc/cpuinfo");

    private CpuFeatures() {
    }

    /**
     * Returns the flags of the first processor listed in {@code /proc/cpuinfo}, for example {@code avx2} and
     * {@code avx512f}.
     *
     * @return the flags in lower case, empty when the file is missing or unreadable (not Linux), so that only the
     *         plain native build qualifies
     */
    public static Set<String> current() {
        try {
            return parse(Files.readAllLines(CPUINFO));
        } catch (IOException | SecurityException e) {
            return Set.of();
        }
    }

    /**
     * Extracts the flags of the first processor from the lines of {@code /proc/cpuinfo}.
     *
     * @param cpuinfo the file's lines; x86 lists the flags on a line {@code flags : fpu vme ...}
     * @return the flags in lower case, empty when no flags line is present
     */
    static Set<String> parse(List<String> cpuinfo) {
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
                return Arrays.stream(line.substring(colon + 1).trim().split("\\s+"))
                        .filter(flag -> !flag.isEmpty())
                        .map(flag -> flag.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toUnmodifiableSet());
            }
        }
        return Set.of();
    }
}
