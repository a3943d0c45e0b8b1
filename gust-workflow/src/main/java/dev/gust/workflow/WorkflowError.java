package dev.gust.workflow;

import dev.gust.common.GustException;
import java.util.Objects;

/**
 * An error raised while a state processes its data, named as the Amazon States Language names
 * errors ({@code States.Runtime}, {@code States.IntrinsicFailure}, ...) so that Retry and Catch
 * rules can match it. The message is the state machine author's own data and safe to show.
 */
public final class WorkflowError extends GustException {
    /** A path matched nothing, or another failure no Retry or Catch handles. */
    public static final String RUNTIME = "States.Runtime";
    /** An intrinsic function failed: bad arguments, or a failure of the function itself. */
    public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    /** A ResultPath cannot place the result inside the state's input. */
    public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    /** A {@code .$} field of a payload template names a path that matches nothing. */
    public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";

    private final String error;
    private final String errorCause;

    /**
     * @param error the error name, e.g. {@code States.Runtime}
     * @param cause what happened, in words a state machine author can act on
     */
    public WorkflowError(String error, String cause) {
        super(Objects.requireNonNull(error, "error") + ": " + Objects.requireNonNull(cause, "cause"), true);
        this.error = error;
        this.errorCause = cause;
    }

    /** @return the error name, e.g. {@code States.Runtime} */
    public String error() {
        return error;
    }

    /** @return what happened (the ASL {@code Cause}) */
    public String cause() {
        return errorCause;
    }

    static WorkflowError runtime(String cause) {
        return new WorkflowError(RUNTIME, cause);
    }

    static WorkflowError intrinsic(String cause) {
        return new WorkflowError(INTRINSIC_FAILURE, cause);
    }
}
