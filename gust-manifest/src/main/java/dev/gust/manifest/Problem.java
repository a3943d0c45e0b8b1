package dev.gust.manifest;

import java.util.Objects;

/**
 * One thing wrong with a manifest, at a place in the file.
 *
 * @param path where, in the dotted form of the file's keys: {@code functions.hello.memory},
 *     {@code functions.hello.routes[1]}; empty for the file as a whole (a YAML syntax error)
 * @param message what is wrong and what is allowed, e.g. {@code must be 128..10240 MB, was 64}
 */
public record Problem(String path, String message) {

    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** @return {@code path: message}, or only the message for the whole file */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
