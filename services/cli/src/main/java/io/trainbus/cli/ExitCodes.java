package io.trainbus.cli;

/** Process exit codes shared by the subcommands. */
public final class ExitCodes {

    /** Every job succeeded, or the command did its work. */
    public static final int OK = 0;
    /** A job failed, a wait timed out, or Kafka or a started process failed. */
    public static final int FAILED = 1;
    /** The request or an option is invalid; nothing was published. */
    public static final int INVALID_INPUT = 2;

    private ExitCodes() {
    }
}
