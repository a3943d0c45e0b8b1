package dev.gust.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Invocation records. {@link #record} may buffer (records are written in batches off the request
 * path); reads see every record whose invocation has returned to its caller, because reads flush
 * the buffer first. Thread-safe.
 */
public interface InvocationStore {

    /** @param record a finished invocation */
    void record(InvocationRecord record);

    /**
     * @param id an invocation id
     * @return its record
     */
    Optional<InvocationRecord> get(String id);

    /**
     * @param query filters
     * @return matching records, newest first
     */
    List<InvocationRecord> find(Query query);

    /**
     * Sums usage per function over records that started in {@code [from, to)}.
     *
     * @param from inclusive
     * @param to exclusive
     * @return one row per function with at least one invocation, by name
     */
    List<Usage> usage(Instant from, Instant to);

    /**
     * @param function only this function, when present
     * @param status only this status, when present
     * @param limit at most this many, 1..1000
     * @param correlationId only invocations with this correlation id (a whole chain of work), when present
     */
    record Query(Optional<String> function, Optional<InvocationRecord.Status> status, int limit,
            Optional<String> correlationId) {

        /** A query of any correlation id. */
        public Query(Optional<String> function, Optional<InvocationRecord.Status> status, int limit) {
            this(function, status, limit, Optional.empty());
        }
    }

    /**
     * @param function the function name
     * @param requests invocations, throttled ones excluded (they were not run)
     * @param billedMillis sum of billed milliseconds
     * @param gbSeconds sum of billed seconds times memory in GB (memory MB / 1024)
     * @param errors invocations that failed
     */
    record Usage(String function, long requests, long billedMillis, double gbSeconds, long errors) {
    }
}
