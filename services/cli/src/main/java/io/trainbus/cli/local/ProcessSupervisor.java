package io.trainbus.cli.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * Starts processes with their output in a log file, and stops every one of them: first with SIGTERM, then, after
 * a grace period per process, with SIGKILL. {@link #stopAll()} is safe to call more than once and from a shutdown hook, so the
 * processes stop on a normal end, on an error and on Ctrl-C alike. A SIGKILL of this JVM itself cannot be caught,
 * and then the processes stay behind.
 */
public final class ProcessSupervisor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProcessSupervisor.class);

    private final Duration grace;
    private final List<ManagedProcess> running = new ArrayList<>();
    private volatile boolean stopRequested;

    /**
     * @param grace how long each process gets to exit after SIGTERM before it is killed
     */
    public ProcessSupervisor(Duration grace) {
        this.grace = grace;
    }

    /**
     * Starts a process whose standard output and error go to a new log file.
     *
     * @param name short name for messages
     * @param command the program and its arguments
     * @param environment variables added to this process's environment
     * @param workingDir the process's working folder
     * @param log the log file, replaced if it exists
     * @return the started process
     * @throws LocalRunException when the program cannot be started
     */
    public synchronized ManagedProcess start(String name, List<String> command, Map<String, String> environment,
            Path workingDir, Path log) throws LocalRunException {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().putAll(environment);
            ManagedProcess started = new ManagedProcess(name, builder.start(), log);
            running.add(started);
            LOG.infof("Started %s (pid %d), log %s", name, started.process().pid(), log);
            return started;
        } catch (IOException e) {
            throw new LocalRunException("Starting " + name + " with " + command.get(0) + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Stops every started process, newest first, and waits for each to exit before stopping the next. The order
     * lets the services close their Kafka and S3 connections while the local stack, started first, still runs.
     */
    public void stopAll() {
        // Set before taking the lock, so a thread waiting on a process observes the stop while stopAll runs.
        stopRequested = true;
        stopAllInOrder();
    }

    private synchronized void stopAllInOrder() {
        List<ManagedProcess> stopping = new ArrayList<>(running);
        running.clear();
        Collections.reverse(stopping);
        for (ManagedProcess managed : stopping) {
            stop(managed);
        }
    }

    private void stop(ManagedProcess managed) {
        Process process = managed.process();
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                LOG.warnf("%s (pid %d) did not exit within %d s of SIGTERM; killing it", managed.name(),
                        process.pid(), grace.toSeconds());
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            LOG.infof("Stopped %s (pid %d)", managed.name(), process.pid());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** @return true once {@link #stopAll()} has been called, so that a process exiting is expected */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** @return the processes started and not yet stopped, oldest first */
    public synchronized List<ManagedProcess> running() {
        return List.copyOf(running);
    }

    /** Stops every process; see {@link #stopAll()}. */
    @Override
    public void close() {
        stopAll();
    }
}
