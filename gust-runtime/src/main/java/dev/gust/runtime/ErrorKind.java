package dev.gust.runtime;

/** The classes of failure an invocation can end in, each with its HTTP status and error type. */
public enum ErrorKind {
    /** The handler threw; the error type is the exception's class name. */
    FUNCTION_ERROR(502, "Unhandled"),
    /** The handler ran past the function's timeout; the instance was stopped. */
    TIMEOUT(504, "Timeout"),
    /** The instance ran out of memory (heap or its memory limit). */
    OUT_OF_MEMORY(502, "OutOfMemory"),
    /** The handler could not be loaded or initialised. */
    INIT_ERROR(502, "InitError"),
    /** The instance died while running the invocation (exit, signal, crash). */
    CRASHED(502, "FunctionCrashed"),
    /** No instance became free within the bounded wait. */
    THROTTLED(429, "Throttled"),
    /** The node is draining. */
    UNAVAILABLE(503, "Unavailable"),
    /** No such function. */
    NOT_FOUND(404, "FunctionNotFound");

    private final int httpStatus;
    private final String errorType;

    ErrorKind(int httpStatus, String errorType) {
        this.httpStatus = httpStatus;
        this.errorType = errorType;
    }

    /** @return the status the gateway and admin API answer with */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return the default error type */
    public String errorType() {
        return errorType;
    }
}
