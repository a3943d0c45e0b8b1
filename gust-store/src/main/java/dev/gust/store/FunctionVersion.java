package dev.gust.store;

import java.time.Instant;

/**
 * One immutable published version of a function.
 *
 * @param app the app that deployed it
 * @param version 1, 2, ... per function
 * @param spec what it is
 * @param createdAt when it was published
 */
public record FunctionVersion(String app, int version, FunctionSpec spec, Instant createdAt) {

    /** @return the function's name */
    public String name() {
        return spec.name();
    }

    /** @return {@code name:version}, the key of a pool */
    public String key() {
        return spec.name() + ":" + version;
    }
}
