package dev.gust.workflow;

import java.util.Objects;

/**
 * One thing wrong with a state machine definition.
 *
 * @param pointer where, as an RFC 6901 JSON pointer into the definition, e.g.
 *     {@code /States/Check/Choices/0/NumericGreaterThan}
 * @param message what is wrong and what is allowed
 */
public record Problem(String pointer, String message) {
    public Problem {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }
}
