package dev.gust.runtime;

import dev.gust.common.GustException;

/**
 * A sandbox cannot be set up or started here (bubblewrap missing or broken, a cgroup that cannot be
 * created). The message names what failed and is meant for the node's operator, not for remote
 * clients.
 */
public final class SandboxException extends GustException {

    SandboxException(String message) {
        super(message, false);
    }

    SandboxException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
