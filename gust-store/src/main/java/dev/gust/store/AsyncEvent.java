package dev.gust.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One async delivery, from acceptance until it succeeds or is given up on: the invocation of a
 * function, a message to a queue, an event published on the bus or the start of a workflow execution.
 *
 * @param id the invocation id answered to the caller
 * @param function the target's name: the function to invoke, or the queue, bus or workflow to deliver to
 * @param payload the JSON payload: the function's event, the message body, the structured CloudEvent to publish,
 *     or the execution's input
 * @param traceparent the W3C trace context of the request that sent it
 * @param correlationId the correlation id
 * @param attempts attempts started so far (a lease counts as one)
 * @param nextAttemptAt when it is next due
 * @param createdAt when it was accepted
 * @param status where it is
 * @param lastError the error of the last failed attempt
 * @param lastInvocationId the invocation record of the last attempt
 * @param trigger what the invocation records name as its trigger: {@code event}, or {@code schedule}
 * @param kind what the target is
 * @param group the message group for a FIFO queue target
 */
public record AsyncEvent(
        String id,
        String function,
        String payload,
        String traceparent,
        String correlationId,
        int attempts,
        Instant nextAttemptAt,
        Instant createdAt,
        Status status,
        Optional<String> lastError,
        Optional<String> lastInvocationId,
        String trigger,
        Kind kind,
        Optional<String> group) {

    public AsyncEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(group, "group");
    }

    /** The trigger of an async invocation asked for through the API or a destination. */
    public static final String EVENT = "event";

    /** An event for a function. */
    public AsyncEvent(String id, String function, String payload, String traceparent, String correlationId,
            int attempts, Instant nextAttemptAt, Instant createdAt, Status status, Optional<String> lastError,
            Optional<String> lastInvocationId, String trigger) {
        this(id, function, payload, traceparent, correlationId, attempts, nextAttemptAt, createdAt, status, lastError,
                lastInvocationId, trigger, Kind.FUNCTION, Optional.empty());
    }

    /** An event for a function whose invocations are recorded with trigger {@link #EVENT}. */
    public AsyncEvent(String id, String function, String payload, String traceparent, String correlationId,
            int attempts, Instant nextAttemptAt, Instant createdAt, Status status, Optional<String> lastError,
            Optional<String> lastInvocationId) {
        this(id, function, payload, traceparent, correlationId, attempts, nextAttemptAt, createdAt, status, lastError,
                lastInvocationId, EVENT);
    }

    /** What an event is delivered to; stored in lower case. */
    public enum Kind {
        /** invoked asynchronously with the payload */
        FUNCTION,
        /** sent the payload as a message */
        QUEUE,
        /** published the payload (a structured CloudEvent) on the node's event bus */
        BUS,
        /** started an execution of the workflow with the payload as input, named by the event's id */
        WORKFLOW;

        /** @return the kind as stored and shown: {@code function}, {@code queue}, {@code bus} or {@code workflow} */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return the kind with this {@link #label()} */
        public static Kind of(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    /** Where an async invocation is. */
    public enum Status {
        /** waiting for its first attempt or a retry (or running, when leased) */
        PENDING,
        /** an attempt succeeded */
        SUCCEEDED,
        /** every allowed attempt failed */
        FAILED,
        /** it grew older than the function's maximum event age before an attempt succeeded */
        EXPIRED
    }

    /** @return a new event, due at once */
    public static AsyncEvent accepted(String id, String function, String payload, String traceparent,
            String correlationId, Instant now) {
        return new AsyncEvent(id, function, payload, traceparent, correlationId, 0, now, now, Status.PENDING,
                Optional.empty(), Optional.empty());
    }

    /** @return this event with its invocations recorded under {@code trigger}, e.g. {@code schedule} */
    public AsyncEvent withTrigger(String trigger) {
        return new AsyncEvent(id, function, payload, traceparent, correlationId, attempts, nextAttemptAt, createdAt,
                status, lastError, lastInvocationId, trigger, kind, group);
    }

    /**
     * @param group the message group when the target is a FIFO queue
     * @return this event delivered to a target of {@code kind} named like {@link #function()}
     */
    public AsyncEvent toTarget(Kind kind, Optional<String> group) {
        return new AsyncEvent(id, function, payload, traceparent, correlationId, attempts, nextAttemptAt, createdAt,
                status, lastError, lastInvocationId, trigger, kind, group);
    }

    /** @return this event with one more attempt counted */
    public AsyncEvent counted() {
        return new AsyncEvent(id, function, payload, traceparent, correlationId, attempts + 1, nextAttemptAt,
                createdAt, status, lastError, lastInvocationId, trigger, kind, group);
    }
}
