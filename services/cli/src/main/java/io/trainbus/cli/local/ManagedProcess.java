package io.trainbus.cli.local;

import java.nio.file.Path;

/**
 * A process started by the local run.
 *
 * @param name short name used in messages and as the log file name
 * @param process the running process
 * @param log file that receives its standard output and error
 */
public record ManagedProcess(String name, Process process, Path log) {

    /**
     * Builds the message for a process that exited when it should be running.
     *
     * @param waitingFor what the run was waiting for, for example {@code its READY line}
     * @return a sentence with the exit code, the log path and the log's last lines
     */
    public String exitedMessage(String waitingFor) {
        return "The " + name + " process exited with code " + process.exitValue() + " before " + waitingFor
                + ". Last lines of " + log + ":\n" + LogFiles.tail(log, LogFiles.TAIL_LINES);
    }
}
