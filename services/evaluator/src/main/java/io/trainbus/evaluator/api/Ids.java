package io.trainbus.evaluator.api;

import java.util.regex.Pattern;

/**
 * Checks ids taken from URL paths before they become object keys. The pattern is the one requests must follow
 * (letters, digits, '.', '-' and '_', 1 to 64 characters), and ids made of dots only are rejected too, so that no id
 * can name a parent folder.
 */
final class Ids {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern DOTS = Pattern.compile("\\.+");

    private Ids() {
    }

    /**
     * Returns the id when it is valid.
     *
     * @param kind what the id names, for the message, for example {@code job id}
     * @param id the id from the path
     * @return {@code id}
     * @throws ApiException with status 400 naming the value and the rule
     */
    static String require(String kind, String id) {
        if (id == null || !ID.matcher(id).matches() || DOTS.matcher(id).matches()) {
            throw ApiException.badRequest("Invalid " + kind + " '" + id + "': use 1 to 64 letters, digits, '.', '-'"
                    + " or '_', not only dots");
        }
        return id;
    }
}
