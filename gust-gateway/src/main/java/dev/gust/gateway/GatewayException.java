package dev.gust.gateway;

import dev.gust.common.GustException;

/** The gateway's root exception: a route table that cannot be built. Its message is safe to show. */
public final class GatewayException extends GustException {

    GatewayException(String message) {
        super(message, true);
    }
}
