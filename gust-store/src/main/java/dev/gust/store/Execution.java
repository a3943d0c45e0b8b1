package dev.gust.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One run of a workflow as the store keeps it. Its history ({@link HistoryEvent}) is the checkpoint
 * an execution resumes from after a crash.
 *
 * @param id unique on the node
 * @param workflow the workflow's name
 * @param name unique among the workflow's stored executions; a start with a used name is idempotent
 * @param revision the definition it runs ({@link WorkflowDefinition#revision()}), fixed at start
 * @param input its input, JSON text
 * @param status where it is in its lifecycle
 * @param output its output, JSON text, once it succeeded
 * @param error the error name, once it failed, timed out or was aborted with one
 * @param cause the error's human-readable cause
 * @param startedAt when it started
 * @param stoppedAt when it finished, once it has
 * @param traceparent the W3C trace context of the start, carried into every task
 * @param correlationId the correlation id of the start, carried into every task
 * @param parentExecutionId the execution whose task started this one, for a nested workflow
 * @param lastSeq the sequence number of its newest history event; the next append must be {@code lastSeq + 1}
 */
public record Execution(String id, String workflow, String name, String revision, String input, Status status,
        Optional<String> output, Optional<String> error, Optional<String> cause, Instant startedAt,
        Optional<Instant> stoppedAt, String traceparent, String correlationId, Optional<String> parentExecutionId,
        long lastSeq) {

    public Execution {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(stoppedAt, "stoppedAt");
        Objects.requireNonNull(parentExecutionId, "parentExecutionId");
    }

    /**
     * The lifecycle of an execution: it starts {@link #RUNNING} and finishes once, in one of the
     * other states, which are final.
     */
    public enum Status {
        RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED;

        /** The declared transitions: from each status, the statuses it may move to. */
        public static final Map<Status, Set<Status>> TRANSITIONS = Map.of(
                RUNNING, Set.of(SUCCEEDED, FAILED, TIMED_OUT, ABORTED),
                SUCCEEDED, Set.of(), FAILED, Set.of(), TIMED_OUT, Set.of(), ABORTED, Set.of());

        /** @return whether an execution in this status has finished for good */
        public boolean isFinal() {
            return this != RUNNING;
        }

        /** @return whether an execution may move from this status to {@code next} */
        public boolean canMoveTo(Status next) {
            return TRANSITIONS.get(this).contains(next);
        }

        /** @return the history event that records a finish in this status */
        public HistoryEvent.Type finishEvent() {
            return switch (this) {
                case RUNNING -> throw new IllegalStateException("RUNNING is not a finish");
                case SUCCEEDED -> HistoryEvent.Type.EXECUTION_SUCCEEDED;
                case FAILED -> HistoryEvent.Type.EXECUTION_FAILED;
                case TIMED_OUT -> HistoryEvent.Type.EXECUTION_TIMED_OUT;
                case ABORTED -> HistoryEvent.Type.EXECUTION_ABORTED;
            };
        }
    }

    /**
     * How an execution finishes. The store writes the matching history event
     * ({@link Status#finishEvent()}) itself, with {@code output} or {@code error} and {@code cause}
     * as its details.
     *
     * @param status any status but {@link Status#RUNNING}
     * @param output JSON text, for {@link Status#SUCCEEDED}
     * @param error the error name
     * @param cause the error's cause
     * @param at when it finished
     */
    public record Finish(Status status, Optional<String> output, Optional<String> error, Optional<String> cause,
            Instant at) {

        public Finish {
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(cause, "cause");
        }

        /** @return a success with {@code output} */
        public static Finish succeeded(String output, Instant at) {
            return new Finish(Status.SUCCEEDED, Optional.of(output), Optional.empty(), Optional.empty(), at);
        }

        /** @return a failure ({@link Status#FAILED}, {@link Status#TIMED_OUT} or {@link Status#ABORTED}) */
        public static Finish failed(Status status, String error, String cause, Instant at) {
            return new Finish(status, Optional.empty(), Optional.of(error), Optional.of(cause), at);
        }
    }
}
