package io.trainbus.common.request;

import java.util.regex.Pattern;

/**
 * Rule for job and experiment ids, which become Kafka keys, object-store key segments and file names. An id of
 * dots only is rejected because it would name a parent folder.
 */
public final class JobIds {

    /** The rule in words, for error messages. */
    public static final String RULE = "must be 1 to 64 letters, digits, '.', '_' or '-', and not only dots";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern DOTS = Pattern.compile("\\.+");

    private JobIds() {
    }

    /**
     * Checks an id against the rule.
     *
     * @param id a job or experiment id, possibly null
     * @return true when the id can be used as a key and a path segment
     */
    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches() && !DOTS.matcher(id).matches();
    }
}
