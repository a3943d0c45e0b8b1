package dev.gust.sdk;

import java.util.Objects;

/**
 * A call from a function to the platform ({@link Context#queues()}, {@link Context#events()},
 * {@link Context#functions()}, {@link Context#workflows()}) that failed. {@link #errorType()} says
 * why, so a handler can react to one failure and let others through:
 *
 * <pre>{@code
 * try {
 *     context.queues().send("orders", body);
 * } catch (GustCallException e) {
 *     if (!e.errorType().equals(GustCallException.QUEUE_DOES_NOT_EXIST)) {
 *         throw e;
 *     }
 * }
 * }</pre>
 *
 * <p>Besides the constants below, a synchronous {@link FunctionClient#invoke invoke} whose callee
 * threw reports the callee's own error type (e.g. {@code IllegalStateException}), as its
 * invocation record does. Unchecked, so a handler that does not catch it fails with it.
 */
public final class GustCallException extends RuntimeException {
    /** The named queue does not exist. */
    public static final String QUEUE_DOES_NOT_EXIST = "QueueDoesNotExist";
    /** The named function does not exist. */
    public static final String FUNCTION_NOT_FOUND = "FunctionNotFound";
    /** The named workflow does not exist. */
    public static final String WORKFLOW_NOT_FOUND = "WorkflowNotFound";
    /** An execution of the workflow already has the name, with another input. */
    public static final String EXECUTION_ALREADY_EXISTS = "ExecutionAlreadyExists";
    /** A field of the call is missing or out of range; the message names it. */
    public static final String INVALID_REQUEST = "InvalidRequest";
    /** The message, event or input is larger than the platform accepts; the message gives the limit. */
    public static final String PAYLOAD_TOO_LARGE = "PayloadTooLarge";
    /** The callee had no free instance within the node's bounded wait. */
    public static final String TOO_MANY_REQUESTS = "TooManyRequests";
    /** The callee ran past its own timeout. */
    public static final String TIMEOUT = "Timeout";
    /** The caller's invocation ran out of time while waiting for the answer. */
    public static final String CALL_TIMED_OUT = "CallTimedOut";
    /** The call was made after the invocation that owns the context had returned. */
    public static final String INVOCATION_ENDED = "InvocationEnded";
    /** An idempotent async invocation with the same key is still being accepted. */
    public static final String CONFLICT = "Conflict";
    /** The callee failed without an error type of its own, or the node could not complete the call. */
    public static final String UNHANDLED = "Unhandled";

    private final String errorType;

    /**
     * @param errorType why the call failed: one of the constants of this class, or a callee's error type
     * @param message what went wrong, naming the queue, function or field concerned
     */
    public GustCallException(String errorType, String message) {
        super(message);
        this.errorType = Objects.requireNonNull(errorType, "errorType");
    }

    /** @return why the call failed: one of the constants of this class, or the callee's error type */
    public String errorType() {
        return errorType;
    }

    @Override
    public String toString() {
        return "GustCallException[" + errorType + "]: " + getMessage();
    }
}
