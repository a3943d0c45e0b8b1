package dev.gust.server;

import dev.gust.common.GustException;

/** A node could not start; the message says which part failed and why. */
public final class ServerStartException extends GustException {
    ServerStartException(String message, Throwable cause) {
        super(message, true, cause);
    }
}
