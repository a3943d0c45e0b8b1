package dev.gust.manifest;

import java.util.function.Function;

/** A value read from a manifest, or why it could not be. */
sealed interface Checked<T> {

    static <T> Checked<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Checked<T> bad(String message) {
        return new Bad<>(message);
    }

    default <R> Checked<R> map(Function<T, R> f) {
        return switch (this) {
            case Ok<T> ok -> ok(f.apply(ok.value()));
            case Bad<T> bad -> bad(bad.message());
        };
    }

    record Ok<T>(T value) implements Checked<T> {
    }

    record Bad<T>(String message) implements Checked<T> {
    }
}
