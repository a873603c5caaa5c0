package io.trainbus.cli.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reads the log files of started processes. */
public final class LogFiles {

    /** Lines of a log shown in an error message. */
    public static final int TAIL_LINES = 30;

    private static final long POLL_MS = 200;

    private LogFiles() {
    }

    /**
     * Returns the last lines of a log.
     *
     * @param log the file
     * @param lines maximum number of lines
     * @return the lines joined by {@code \n}, or a note when the file cannot be read
     */
    public static String tail(Path log, int lines) {
        try {
            List<String> all = readLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (NoSuchFileException e) {
            return "(the log file does not exist)";
        } catch (IOException e) {
            return "(reading the log failed: " + e.getMessage() + ")";
        }
    }

    /**
     * Waits until a process writes a line that starts with a prefix.
     *
     * @param process the process writing the log
     * @param prefix the start of the awaited line, for example {@code READY }
     * @param timeout how long to wait
     * @return the first matching line
     * @throws LocalRunException when the process exits first or the timeout expires, with the log's tail
     * @throws InterruptedException when the wait is interrupted
     */
    public static String awaitLine(ManagedProcess process, String prefix, Duration timeout)
            throws LocalRunException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String waitingFor = "it printed a line starting with '" + prefix.strip() + "'";
        while (true) {
            Optional<String> line = findLine(process.log(), prefix);
            if (line.isPresent()) {
                return line.get();
            }
            if (!process.process().isAlive()) {
                throw new LocalRunException(process.exitedMessage(waitingFor));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new LocalRunException("Timed out after " + timeout.toSeconds() + " s waiting until the "
                        + process.name() + " process " + waitingFor + ". Last lines of " + process.log() + ":\n"
                        + tail(process.log(), TAIL_LINES));
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** Decodes leniently: a service may log bytes that are not UTF-8, and those must not hide the other lines. */
    private static List<String> readLines(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
    }

    private static Optional<String> findLine(Path log, String prefix) {
        try {
            return readLines(log).stream()
                    .filter(line -> line.startsWith(prefix))
                    .findFirst();
        } catch (IOException e) {
            // The file appears when the process first writes; until then there is nothing to find.
            return Optional.empty();
        }
    }
}
