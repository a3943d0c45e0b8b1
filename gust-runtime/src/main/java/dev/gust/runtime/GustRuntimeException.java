package dev.gust.runtime;

import dev.gust.common.GustException;

/**
 * The root of the runtime's exceptions: the node cannot run workers as configured (no usable
 * sandbox, no worker runtime on the class path). Nothing a function does raises one; those end as
 * {@link Outcome.Failure}s.
 */
public abstract class GustRuntimeException extends GustException {

    protected GustRuntimeException(String message, boolean safe) {
        super(message, safe);
    }

    protected GustRuntimeException(String message, boolean safe, Throwable cause) {
        super(message, safe, cause);
    }
}
