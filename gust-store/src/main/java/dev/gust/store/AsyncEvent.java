package dev.gust.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One async invocation, from acceptance until it succeeds or is given up on.
 *
 * @param id the invocation id answered to the caller
 * @param function the function to invoke
 * @param payload the JSON payload
 * @param traceparent the W3C trace context of the request that sent it
 * @param correlationId the correlation id
 * @param attempts attempts started so far (a lease counts as one)
 * @param nextAttemptAt when it is next due
 * @param createdAt when it was accepted
 * @param status where it is
 * @param lastError the error of the last failed attempt
 * @param lastInvocationId the invocation record of the last attempt
 * @param trigger what the invocation records name as its trigger: {@code event}, or {@code schedule}
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
        String trigger) {

    /** The trigger of an async invocation asked for through the API or a destination. */
    public static final String EVENT = "event";

    /** An event whose invocations are recorded with trigger {@link #EVENT}. */
    public AsyncEvent(String id, String function, String payload, String traceparent, String correlationId,
            int attempts, Instant nextAttemptAt, Instant createdAt, Status status, Optional<String> lastError,
            Optional<String> lastInvocationId) {
        this(id, function, payload, traceparent, correlationId, attempts, nextAttemptAt, createdAt, status, lastError,
                lastInvocationId, EVENT);
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
                status, lastError, lastInvocationId, trigger);
    }
}
