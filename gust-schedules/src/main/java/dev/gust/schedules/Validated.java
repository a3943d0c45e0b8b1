package dev.gust.schedules;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of checking user input: the value, or every problem found. Checking never throws
 * for bad input.
 *
 * @param <T> the checked value
 */
public sealed interface Validated<T> permits Validated.Valid, Validated.Invalid {

    /** @param value the input, checked and parsed */
    record Valid<T>(T value) implements Validated<T> {
        public Valid {
            Objects.requireNonNull(value, "value");
        }
    }

    /** @param problems every problem found, at least one */
    record Invalid<T>(List<Problem> problems) implements Validated<T> {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("problems: an invalid result names at least one problem");
            }
        }

        /** @return the problems, one {@code field: message} a line */
        public String describe() {
            return String.join("\n", problems.stream().map(Problem::toString).toList());
        }
    }

    /** @return the value; throws {@link ScheduleException} with every problem when invalid */
    default T orThrow() {
        return switch (this) {
            case Valid<T> v -> v.value();
            case Invalid<T> i -> throw new ScheduleException(i.describe());
        };
    }

    /** @return the problems, empty when valid */
    default List<Problem> problems() {
        return this instanceof Invalid<T> i ? i.problems() : List.of();
    }
}
