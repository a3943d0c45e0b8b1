package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.common.GustException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The boundary between the engine and the platform: runs the unit of work a Task state names (invoke
 * a function, send to a queue, publish an event, start a nested workflow). The node implements it.
 *
 * <p>The engine calls {@link #run} from its own threads and never blocks on the future. A call may be
 * repeated after a crash with the same {@link TaskCall#idempotencyKey()}: an implementation that
 * passes the key on lets an idempotent function see one effect.
 */
@FunctionalInterface
public interface TaskRunner {

    /**
     * Starts the task.
     *
     * @return the task's result; completed exceptionally with a {@link TaskFailure} to fail the task
     *     with an error name and cause (any other exception fails it with {@code States.TaskFailed}).
     *     For a {@code .waitForTaskToken} task the result is ignored: the token's completion is the
     *     result; only a failure counts.
     */
    CompletableFuture<JsonNode> run(TaskCall call);

    /**
     * One attempt of a Task state.
     *
     * @param resource what to run
     * @param input the effective input (after InputPath and Parameters)
     * @param idempotencyKey the same for every run of this attempt (execution, state visit, attempt,
     *     Map/Parallel position), also after a crash
     * @param taskToken the token to hand out, for a {@code .waitForTaskToken} task
     * @param timeout how long the task may run ({@code TimeoutSeconds}); the engine enforces it too
     * @param traceparent the W3C trace context of the execution's start
     * @param correlationId the correlation id of the execution's start
     * @param executionId the execution
     * @param stateName the Task state
     */
    record TaskCall(TaskResource resource, JsonNode input, String idempotencyKey, Optional<String> taskToken,
            Duration timeout, String traceparent, String correlationId, String executionId, String stateName) {
        public TaskCall {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(taskToken, "taskToken");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /** How a task fails with a name that Retry and Catch match, e.g. a function's error type. */
    final class TaskFailure extends GustException {
        private final String error;
        private final String errorCause;

        /**
         * @param error the error name, e.g. {@code OrderRejected} or {@code States.Timeout}
         * @param cause what happened
         */
        public TaskFailure(String error, String cause) {
            super(Objects.requireNonNull(error, "error") + ": " + Objects.requireNonNull(cause, "cause"), true);
            this.error = error;
            this.errorCause = cause;
        }

        /** @return the error name */
        public String error() {
            return error;
        }

        /** @return what happened */
        public String cause() {
            return errorCause;
        }
    }
}
