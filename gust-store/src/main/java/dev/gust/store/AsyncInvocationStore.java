package dev.gust.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable async invocations. Every method that returns has committed what it wrote. Delivery is
 * at least once: an event is leased for one attempt, and a lease that runs out (the node died
 * mid-attempt) makes it due again. Thread-safe.
 */
public interface AsyncInvocationStore {

    /** Commits a new event ({@link AsyncEvent#accepted}). */
    void enqueue(AsyncEvent event);

    /** @return the event, in whatever state it is */
    Optional<AsyncEvent> get(String id);

    /**
     * Takes due pending events not leased by anyone (or whose lease ran out), counts one more
     * attempt on each and leases them until {@code now + lease}.
     *
     * @param limit at most this many, oldest due first
     * @return the leased events, with their attempts already counted
     */
    List<AsyncEvent> lease(Instant now, Duration lease, int limit);

    /**
     * Ends the lease and makes the event due again at {@code next}.
     *
     * @param lastInvocationId the failed attempt's invocation record; null when no attempt so far
     *     invoked a function (a queue or bus target)
     */
    void retryAt(String id, Instant next, String lastError, String lastInvocationId);

    /** Ends the event: it will not run again. */
    void finish(String id, AsyncEvent.Status status, Optional<String> lastError, Optional<String> lastInvocationId);

    /** @return how many events are pending (due or not, leased or not) */
    int pending();

    /**
     * Deletes finished events (succeeded, failed or expired) whose last attempt was due before
     * {@code before}, the retention sweep's cut-off. Pending events are never deleted, however old.
     *
     * @return how many were deleted
     */
    int deleteFinishedBefore(Instant before);
}
