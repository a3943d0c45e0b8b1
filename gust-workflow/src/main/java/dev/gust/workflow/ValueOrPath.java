package dev.gust.workflow;

import java.util.Objects;

/**
 * A setting written either as a literal ({@code TimeoutSeconds}) or as a path read from the state's
 * input when the state runs ({@code TimeoutSecondsPath}).
 *
 * @param <T> the literal's type
 */
public sealed interface ValueOrPath<T> permits ValueOrPath.Fixed, ValueOrPath.FromPath {

    /** @param value the literal as written */
    record Fixed<T>(T value) implements ValueOrPath<T> {
        public Fixed {
            Objects.requireNonNull(value, "value");
        }
    }

    /** @param path the path to read the value from, e.g. {@code $.timeout} */
    record FromPath<T>(String path) implements ValueOrPath<T> {
        public FromPath {
            Objects.requireNonNull(path, "path");
        }
    }
}
