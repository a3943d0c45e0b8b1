package dev.gust.sdk;

/**
 * Writes lines to the function's log. Each line is stored with the invocation id, trace id and
 * correlation id of the invocation it was written in. Thread-safe.
 */
@FunctionalInterface
public interface Logger {

    /** @param message one line (line breaks are kept inside the same entry) */
    void log(String message);

    /**
     * @param format a {@link String#format} pattern
     * @param args its arguments
     */
    default void log(String format, Object... args) {
        log(String.format(format, args));
    }
}
