package dev.gust.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One committed step of an execution. An execution's events, in {@code seq} order, are its
 * checkpoint: the engine rebuilds where it was from them after a crash.
 *
 * @param executionId the execution
 * @param seq 1 for {@link Type#EXECUTION_STARTED}, then one more for each event, without gaps
 * @param type what happened
 * @param at when it happened
 * @param stateName the state it happened in, when it concerns one
 * @param details JSON text, as the engine wrote it (the store does not read it, except in the events
 *     it writes itself)
 */
public record HistoryEvent(String executionId, long seq, Type type, Instant at, Optional<String> stateName,
        String details) {

    public HistoryEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stateName, "stateName");
        Objects.requireNonNull(details, "details");
    }

    /**
     * An event to append, before the store gives it its execution and {@code seq}.
     *
     * @param type what happened; not one the store writes itself ({@link Type#writtenByStore()})
     * @param at when it happened
     * @param stateName the state it happened in, when it concerns one
     * @param details JSON text
     */
    public record Draft(Type type, Instant at, Optional<String> stateName, String details) {
        public Draft {
            Objects.requireNonNull(stateName, "stateName");
        }

        /** @return an event of state {@code stateName} */
        public static Draft of(Type type, Instant at, String stateName, String details) {
            return new Draft(type, at, Optional.of(stateName), details);
        }
    }

    /** What happened; {@link #label()} is how history shows it (the names of Step Functions' history). */
    public enum Type {
        EXECUTION_STARTED("ExecutionStarted"),
        EXECUTION_SUCCEEDED("ExecutionSucceeded"),
        EXECUTION_FAILED("ExecutionFailed"),
        EXECUTION_TIMED_OUT("ExecutionTimedOut"),
        EXECUTION_ABORTED("ExecutionAborted"),
        STATE_ENTERED("StateEntered"),
        STATE_EXITED("StateExited"),
        TASK_SCHEDULED("TaskScheduled"),
        TASK_STARTED("TaskStarted"),
        TASK_SUCCEEDED("TaskSucceeded"),
        TASK_FAILED("TaskFailed"),
        TASK_TIMED_OUT("TaskTimedOut"),
        TASK_TOKEN_ISSUED("TaskTokenIssued"),
        TASK_HEARTBEAT("TaskHeartbeat"),
        WAIT_STARTED("WaitStarted"),
        TIMER_FIRED("TimerFired"),
        MAP_STARTED("MapStarted"),
        MAP_ITERATION_STARTED("MapIterationStarted"),
        MAP_ITERATION_SUCCEEDED("MapIterationSucceeded"),
        MAP_ITERATION_FAILED("MapIterationFailed"),
        MAP_SUCCEEDED("MapSucceeded"),
        MAP_FAILED("MapFailed"),
        PARALLEL_STARTED("ParallelStarted"),
        PARALLEL_BRANCH_STARTED("ParallelBranchStarted"),
        PARALLEL_BRANCH_SUCCEEDED("ParallelBranchSucceeded"),
        PARALLEL_BRANCH_FAILED("ParallelBranchFailed"),
        PARALLEL_SUCCEEDED("ParallelSucceeded"),
        PARALLEL_FAILED("ParallelFailed"),
        RETRY_SCHEDULED("RetryScheduled"),
        ERROR_CAUGHT("ErrorCaught"),
        CHILD_EXECUTION_STARTED("ChildExecutionStarted"),
        CHILD_EXECUTION_SUCCEEDED("ChildExecutionSucceeded"),
        CHILD_EXECUTION_FAILED("ChildExecutionFailed"),
        CHILD_EXECUTION_TIMED_OUT("ChildExecutionTimedOut"),
        CHILD_EXECUTION_ABORTED("ChildExecutionAborted");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        /** @return e.g. {@code TaskScheduled} */
        public String label() {
            return label;
        }

        /**
         * @return whether only the store writes events of this type: the start, by
         *     {@link WorkflowStore#start}, and each finish, with the {@link Execution.Finish} that causes it
         */
        public boolean writtenByStore() {
            return this == EXECUTION_STARTED || this == EXECUTION_SUCCEEDED || this == EXECUTION_FAILED
                    || this == EXECUTION_TIMED_OUT || this == EXECUTION_ABORTED;
        }

        /** @return the type labelled {@code label}, if any */
        public static Optional<Type> of(String label) {
            return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst();
        }
    }
}
