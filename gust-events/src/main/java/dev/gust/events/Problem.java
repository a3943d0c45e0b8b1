package dev.gust.events;

import java.util.Objects;

/**
 * One thing wrong with an event, a rule or a signature header, at a place in the input.
 *
 * @param path where, e.g. {@code events[2].source}, {@code ce-type}, {@code targets[0].url};
 *     empty for the input as a whole (a body that is not JSON)
 * @param message what is wrong and what is allowed
 * @param kind whether the input is malformed or only too large (HTTP 400 or 413)
 */
public record Problem(String path, String message, Kind kind) {

    /** What kind of problem, so a caller can choose the HTTP status. */
    public enum Kind {
        /** Malformed or missing: a 400. */
        INVALID,
        /** Over a size limit: a 413. */
        TOO_LARGE
    }

    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(kind, "kind");
    }

    static Problem invalid(String path, String message) {
        return new Problem(path, message, Kind.INVALID);
    }

    /** @return {@code path: message}, or only the message for the input as a whole */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
