package dev.gust.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The durable state of workflows: deployed definitions, executions, their history (the checkpoint
 * each transition commits), durable timers and task tokens. Every method that returns has committed
 * what it wrote, in one transaction. Bad input is refused with an {@link IllegalArgumentException}
 * naming the field, and changes nothing. Thread-safe.
 */
public interface WorkflowStore {

    /**
     * The kind of the timer that an accepted {@link #completeToken} adds, due at the completion, so
     * that the completion reaches its execution through {@link #leaseDue} even when the node dies
     * before acting on it. Its payload is the token.
     */
    String TOKEN_COMPLETED = "token-completed";

    /**
     * Makes {@code workflows} the app's workflows: adds new ones, replaces changed ones (keeping the
     * creation time of one whose definition did not change) and removes the app's others. Running
     * executions keep running the revision they started with.
     *
     * @throws IllegalArgumentException when a name belongs to another app (nothing is changed then)
     */
    void putAll(String app, List<WorkflowDefinition> workflows);

    /** @return the workflow named {@code name} */
    Optional<WorkflowDefinition> get(String name);

    /** @return every workflow, by name */
    List<WorkflowDefinition> list();

    /** @return the definition text of a revision, while a workflow or a stored execution uses it */
    Optional<String> definition(String revision);

    /**
     * Starts an execution of the workflow's current revision and writes its
     * {@link HistoryEvent.Type#EXECUTION_STARTED} event (seq 1, details {@code {"name": ..., "input": ...}}), unless
     * its name is taken: a stored execution of the same workflow with the same name and the same input
     * (the same JSON value) is returned instead, so a repeated start is harmless; one with another
     * input is a conflict. A name is taken until its execution is deleted by retention.
     */
    Start start(StartRequest request);

    /** @return the execution, in whatever state it is */
    Optional<Execution> execution(String executionId);

    /** @return the executions that match, newest first (ties by id, descending) */
    List<Execution> executions(Query query);

    /**
     * The running executions, for a node that starts to resume them all (a page of
     * {@link #executions} can split executions started at the same instant; this cannot).
     *
     * @param afterId empty for the first page, else the last id of the previous page
     * @return at most {@code limit} ids of running executions, in ascending order
     */
    List<String> running(Optional<String> afterId, int limit);

    /**
     * Finishes a running execution (a stop, a timeout): writes its finish event, deletes its timers.
     *
     * @return false, changing nothing, when it had already finished
     * @throws IllegalArgumentException when there is no such execution
     */
    boolean finish(String executionId, Execution.Finish finish);

    /**
     * Commits one transition of a running execution: its events, timer changes, tokens and finish,
     * all or nothing. The events get {@code expectedNextSeq}, {@code expectedNextSeq + 1}, ...
     *
     * @param expectedNextSeq {@link Execution#lastSeq()} + 1 as the caller last saw it
     * @return {@link Append.Appended}, or why nothing was written
     * @throws IllegalArgumentException when there is no such execution
     */
    Append append(String executionId, long expectedNextSeq, Checkpoint checkpoint);

    /**
     * @param afterSeq 0 for the start
     * @return at most {@code limit} events with {@code seq > afterSeq}, in order
     */
    List<HistoryEvent> history(String executionId, long afterSeq, int limit);

    /**
     * Takes due timers not leased by anyone (or whose lease ran out) and leases them until
     * {@code now + lease}; a lease ends when the timer is deleted (by {@link #delete} or an append)
     * or runs out (the node died). Opening the store ends every lease. A timer handled twice (a lease
     * that ran out while its handler was slow) is harmless when the handler appends with the seq it
     * read: the second append is a {@link Append.Conflict}.
     *
     * @return at most {@code limit}, earliest due first
     */
    List<Timer> leaseDue(Instant now, Duration lease, int limit);

    /** @return false when there was no such timer */
    boolean delete(String timerId);

    /** @return the execution's timers, earliest due first */
    List<Timer> timers(String executionId);

    /**
     * Hands out a task token for a running execution.
     *
     * @throws IllegalArgumentException when there is no such execution, it is not running, or the token
     *     was issued before
     */
    void issueToken(String executionId, TaskToken.Issue issue);

    /** @return the token, open or completed */
    Optional<TaskToken> token(String token);

    /**
     * Completes a token: the first completion wins; it also adds a {@link #TOKEN_COMPLETED} timer due
     * at {@code at}.
     */
    TokenResult completeToken(String token, TaskToken.Outcome outcome, Instant at);

    /** Moves an open token's heartbeat deadline ({@code SendTaskHeartbeat}). */
    TokenResult heartbeat(String token, Instant newDeadline);

    /**
     * Tokens whose task missed its heartbeat. The engine times each out by completing it with a
     * {@link TaskToken.Outcome.Failure} ({@code States.HeartbeatTimeout}), which wins or loses against a
     * late completion as any completion does.
     *
     * @return at most {@code limit} open tokens of running executions whose heartbeat deadline is at or
     *     before {@code now}, earliest first
     */
    List<TaskToken> expiredTokens(Instant now, int limit);

    /**
     * Deletes finished executions that stopped before {@code cutoff}, with their history, timers and
     * tokens, and definition revisions nothing uses any more. Running executions are never deleted.
     *
     * @return how many executions were deleted
     */
    int deleteFinishedBefore(Instant cutoff);

    /**
     * What starting an execution asks for.
     *
     * @param executionId the new execution's id, unique on the node
     * @param workflow the workflow to run
     * @param name unique among the workflow's executions
     * @param input JSON text
     * @param at when it starts
     * @param traceparent W3C trace context
     * @param correlationId the correlation id
     * @param parentExecutionId the execution that starts it as a nested workflow
     */
    record StartRequest(String executionId, String workflow, String name, String input, Instant at,
            String traceparent, String correlationId, Optional<String> parentExecutionId) {
        public StartRequest {
            Objects.requireNonNull(parentExecutionId, "parentExecutionId");
        }
    }

    /** What a start found. */
    sealed interface Start {
        /** A new execution, its start event written. */
        record Started(Execution execution) implements Start {
        }

        /** The name was used with the same input: that execution, untouched. */
        record Existing(Execution execution) implements Start {
        }

        /** The name was used with another input (a 409); nothing was written. */
        record NameConflict(Execution existing) implements Start {
        }

        /** No workflow of that name is deployed; nothing was written. */
        record UnknownWorkflow(String workflow) implements Start {
        }
    }

    /**
     * Which executions to list.
     *
     * @param workflow only this workflow's
     * @param status only those in this status
     * @param startedAfter only those started strictly after
     * @param startedBefore only those started strictly before (the next page: the last one's start)
     * @param limit at most this many, 1..1000
     */
    record Query(Optional<String> workflow, Optional<Execution.Status> status, Optional<Instant> startedAfter,
            Optional<Instant> startedBefore, int limit) {
        public Query {
            Objects.requireNonNull(workflow, "workflow");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(startedAfter, "startedAfter");
            Objects.requireNonNull(startedBefore, "startedBefore");
        }

        /** @return every execution, newest {@code limit} first */
        public static Query all(int limit) {
            return new Query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit);
        }
    }

    /**
     * A durable timer: a Wait state, a retry's back-off, a task's timeout, a completed token.
     *
     * @param id unique on the node; adding a timer with a used id replaces it
     * @param executionId the execution it wakes
     * @param dueAt when it fires
     * @param kind what it is for, the engine's word
     * @param payload what the engine needs when it fires (JSON or plain text)
     */
    record Timer(String id, String executionId, Instant dueAt, String kind, String payload) {
    }

    /**
     * One transition's writes.
     *
     * @param events appended in order; none of a type the store writes itself
     * @param addTimers timers to add (or replace), all of the appended execution
     * @param removeTimers ids of timers to delete (those fired or no longer wanted)
     * @param issueTokens task tokens to hand out
     * @param finish the execution's finish, when this transition ends it
     */
    record Checkpoint(List<HistoryEvent.Draft> events, List<Timer> addTimers, List<String> removeTimers,
            List<TaskToken.Issue> issueTokens, Optional<Execution.Finish> finish) {
        public Checkpoint {
            events = List.copyOf(events);
            addTimers = List.copyOf(addTimers);
            removeTimers = List.copyOf(removeTimers);
            issueTokens = List.copyOf(issueTokens);
            Objects.requireNonNull(finish, "finish");
        }

        /** @return a checkpoint of these events only */
        public static Checkpoint of(HistoryEvent.Draft... events) {
            return new Checkpoint(List.of(events), List.of(), List.of(), List.of(), Optional.empty());
        }

        /** @return this checkpoint, adding {@code timer} too */
        public Checkpoint addTimer(Timer timer) {
            return new Checkpoint(events, concat(addTimers, timer), removeTimers, issueTokens, finish);
        }

        /** @return this checkpoint, deleting the timer {@code timerId} too */
        public Checkpoint removeTimer(String timerId) {
            return new Checkpoint(events, addTimers, concat(removeTimers, timerId), issueTokens, finish);
        }

        /** @return this checkpoint, handing out {@code token} too */
        public Checkpoint issueToken(TaskToken.Issue token) {
            return new Checkpoint(events, addTimers, removeTimers, concat(issueTokens, token), finish);
        }

        /** @return this checkpoint, finishing the execution too */
        public Checkpoint finishing(Execution.Finish how) {
            return new Checkpoint(events, addTimers, removeTimers, issueTokens, Optional.of(how));
        }

        private static <T> List<T> concat(List<T> list, T item) {
            return Stream.concat(list.stream(), Stream.of(item)).toList();
        }
    }

    /** What an append found. */
    sealed interface Append {
        /** Everything was written; the next append must be at {@code nextSeq}. */
        record Appended(long nextSeq) implements Append {
        }

        /** Another writer appended first (the history moved on to {@code actualNextSeq}); nothing was written. */
        record Conflict(long expectedNextSeq, long actualNextSeq) implements Append {
        }

        /** The execution had already finished (a stop won); nothing was written. */
        record NotRunning(Execution.Status status) implements Append {
        }
    }

    /** What completing a token, or a heartbeat, found. */
    sealed interface TokenResult {
        /** This call's completion or heartbeat was recorded; {@code token} as it is now. */
        record Accepted(TaskToken token) implements TokenResult {
        }

        /** The token had been completed before; {@code token} holds the completion that won. Nothing changed. */
        record AlreadyCompleted(TaskToken token) implements TokenResult {
        }

        /** The token's execution has finished, so nothing waits for it any more. Nothing changed. */
        record ExecutionClosed(TaskToken token, Execution.Status status) implements TokenResult {
        }

        /** No such token (never issued, or deleted with its execution). */
        record NotFound(String token) implements TokenResult {
        }
    }
}
