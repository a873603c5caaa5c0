package io.trainbus.evaluator.api;

import java.util.regex.Pattern;

import io.trainbus.common.request.JobIds;
import io.trainbus.common.request.PrintableText;

/**
 * Checks ids and picture names taken from URL paths before they become object keys. A value that could leave its
 * folder in the store (a path separator, only dots, a control character) is rejected with status 400 before
 * the store is called.
 */
final class Ids {

    /** Rule for picture names in URLs, in words. */
    static final String PICTURE_RULE = "must be 1 to 64 lowercase letters, digits or '-', optionally followed by "
            + "'.png', for example accuracy-curves";

    private static final Pattern PICTURE = Pattern.compile("[a-z0-9-]{1,64}(\\.png)?");

    /** Maximum characters of a rejected value repeated in an error message. */
    private static final int MAX_SHOWN_CHARS = 100;

    private Ids() {
    }

    /**
     * Returns the id when it is valid.
     *
     * @param kind what the id names, for the message, for example {@code job id}
     * @param id the id from the path
     * @return {@code id}
     * @throws ApiException with status 400 naming the value, what is wrong with it and the rule
     */
    static String require(String kind, String id) {
        if (!JobIds.isValid(id)) {
            throw ApiException.badRequest("Invalid " + kind + " '" + display(id) + "': it " + problem(id)
                    + ". An id " + JobIds.RULE + ".");
        }
        return id;
    }

    /**
     * Returns the picture name when it has the form of one. Whether such a picture exists is checked afterwards.
     *
     * @param name the name from the path
     * @return {@code name}
     * @throws ApiException with status 400 naming the value, what is wrong with it and the rule
     */
    static String requirePictureName(String name) {
        if (name == null || !PICTURE.matcher(name).matches()) {
            throw ApiException.badRequest("Invalid picture name '" + display(name) + "': it " + problem(name)
                    + ". A picture name " + PICTURE_RULE + ".");
        }
        return name;
    }

    /** Names what is wrong with an invalid value, most dangerous problem first. */
    private static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "is empty";
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            return "contains control characters";
        }
        if (value.contains("/") || value.contains("\\")) {
            return "contains a path separator, which would name another folder of the object store";
        }
        if (value.matches("\\.+")) {
            return "is only dots, which would name the current or a parent folder";
        }
        if (value.length() > 64) {
            return "is " + value.length() + " characters long";
        }
        return "contains a character that is not allowed";
    }

    /** Returns the value with control characters escaped and shortened, so that it is safe to repeat. */
    private static String display(String value) {
        String printable = PrintableText.of(value);
        return printable.length() <= MAX_SHOWN_CHARS ? printable : printable.substring(0, MAX_SHOWN_CHARS) + "...";
    }
}
