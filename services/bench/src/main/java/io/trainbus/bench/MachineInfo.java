package io.trainbus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.trainbus.trainer.backend.CpuFeatures;

/** Describes the machine a benchmark ran on, from Linux' /proc files. */
final class MachineInfo {

    /** CPU flags that decide which native code runs. */
    private static final Set<String> RELEVANT_FLAGS = Set.of("avx", "avx2", "fma", "f16c", "avx512f", "avx512cd",
            "avx512bw", "avx512dq", "avx512vl", "avx512_vnni", "avx512_bf16", "amx_tile");

    private MachineInfo() {
    }

    /** Returns CPU model, vector flags, processors and memory, as one line of Markdown. */
    static String describe() {
        Set<String> flags = new TreeSet<>(CpuFeatures.current());
        flags.retainAll(RELEVANT_FLAGS);
        return String.format("%s, %d processors for this JVM, %s of memory, vector flags %s; %s",
                firstValue("/proc/cpuinfo", "model name"), Runtime.getRuntime().availableProcessors(),
                memory(firstValue("/proc/meminfo", "MemTotal")), String.join(" ", flags), osLine());
    }

    /** Returns the 1, 5 and 15 minute load averages, as /proc/loadavg lists them. */
    static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Turns /proc/meminfo's "24683792 kB" into "23.5 GiB". */
    private static String memory(String meminfo) {
        String digits = meminfo.replaceAll("\\D", "");
        return digits.isEmpty() ? meminfo
                : String.format(java.util.Locale.ROOT, "%.1f GiB", Long.parseLong(digits) / 1024.0 / 1024.0);
    }

    private static String osLine() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + System.getProperty("java.version");
    }

    private static String firstValue(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException e) {
            return "unknown " + key;
        }
        return "unknown " + key;
    }
}
