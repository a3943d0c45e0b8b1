package dev.gust.schedules;

import java.util.Objects;

/**
 * One thing wrong with a schedule's definition.
 *
 * @param field the field at fault, as a user writes it: {@code expression}, {@code zone}, {@code target.name}
 * @param message what is wrong and what is allowed
 */
public record Problem(String field, String message) {
    public Problem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** @return {@code field: message}, ready to show to the user */
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
