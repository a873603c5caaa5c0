package io.trainbus.evaluator.api;

import io.trainbus.common.request.JobIds;

/** Checks ids taken from URL paths, with the rule requests follow, before they become object keys. */
final class Ids {

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
        if (!JobIds.isValid(id)) {
            throw ApiException.badRequest("Invalid " + kind + " '" + id + "': it " + JobIds.RULE);
        }
        return id;
    }
}
