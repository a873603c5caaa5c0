package io.trainbus.ingestion.source;

/**
 * A dataset source that the configuration does not allow. It is thrown before any connection is opened or any
 * file is read, and its message names the source, the rule it broke and the setting that would allow it.
 */
public class SourceNotAllowedException extends DatasetSourceException {

    private final String source;

    /**
     * Creates the exception.
     *
     * @param source the rejected source, with any user name and password removed
     * @param message the source, the rule and the setting that would allow it
     */
    public SourceNotAllowedException(String source, String message) {
        super(message);
        this.source = source;
    }

    /** @return the rejected source, with any user name and password removed */
    public String source() {
        return source;
    }
}
