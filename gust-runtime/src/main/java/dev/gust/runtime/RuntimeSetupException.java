package dev.gust.runtime;

/** The node's runtime cannot start as configured; the message says what is missing. Not safe for clients. */
public final class RuntimeSetupException extends GustRuntimeException {

    public RuntimeSetupException(String message) {
        super(message, false);
    }

    public RuntimeSetupException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
