package io.trainbus.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs a command, echoes its output, and returns the fields of its result lines. */
final class ChildProcess {

    private ChildProcess() {
    }

    /**
     * Runs a command to its end and parses every output line that starts with {@code prefix} as
     * {@code key=value} fields separated by spaces.
     *
     * @param command the program and its arguments
     * @param directory working folder
     * @param environment variables added to this process' environment
     * @param prefix marks result lines
     * @param timeoutMinutes the command is killed after this
     * @param echo receives every output line
     * @return one map per result line
     * @throws IOException when the command cannot start, fails or times out
     */
    static List<Map<String, String>> run(List<String> command, Path directory, Map<String, String> environment,
            String prefix, long timeoutMinutes, Consumer<String> echo) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        List<Map<String, String>> results = new ArrayList<>();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                echo.accept(line);
                if (line.startsWith(prefix)) {
                    results.add(fields(line.substring(prefix.length())));
                }
            }
        }
        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("Timed out after " + timeoutMinutes + " min: " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            throw new IOException("Exit code " + process.exitValue() + " from " + String.join(" ", command));
        }
        return results;
    }

    static Map<String, String> fields(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String token : text.trim().split("\\s+")) {
            int equals = token.indexOf('=');
            if (equals > 0) {
                fields.put(token.substring(0, equals), token.substring(equals + 1));
            }
        }
        return fields;
    }
}
