package dev.gust.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Idempotency keys: the first request with a key claims it (committed before it runs); repeats
 * within the window get its stored response instead of running again. Thread-safe.
 */
public interface IdempotencyStore {

    /** The most response body bytes kept for one key. */
    int MAX_BODY_BYTES = 6 * 1024 * 1024;

    /**
     * A claim still without a response after this long (more than any invocation may run) was cut
     * short by a crash of the node; the next request with its key takes it over.
     */
    Duration ABANDONED_AFTER = Duration.ofMinutes(20);

    /**
     * Claims {@code key} of {@code function} for {@code invocationId}, unless a claim younger than
     * its window holds it. An expired or abandoned ({@link #ABANDONED_AFTER}) claim is replaced.
     *
     * @return {@link Claim.Claimed} when this call won, else what the holder has got to
     */
    Claim claim(String function, String key, String invocationId, Instant now, Duration window);

    /** Stores the response of a claimed key; repeats get it from now on. */
    void complete(String function, String key, StoredResponse response);

    /** Drops a claim whose run ended without a response to keep, so a repeat runs again. */
    void release(String function, String key);

    /**
     * Deletes keys whose window ended at or before {@code now}; a request with one of them would
     * claim it afresh anyway, so nothing a caller sees changes.
     *
     * @return how many were deleted
     */
    int deleteExpired(Instant now);

    /** What a claim found. */
    sealed interface Claim {
        /** The caller holds the key and must run, then {@link #complete}. */
        record Claimed() implements Claim {
        }

        /** The first request with this key is still running. */
        record Running(String invocationId) implements Claim {
        }

        /** The first request with this key has finished; answer with its response. */
        record Done(StoredResponse response) implements Claim {
        }
    }

    /**
     * A response as first answered.
     *
     * @param invocationId the invocation it answered for
     * @param status the HTTP status
     * @param contentType its content type
     * @param body at most {@link #MAX_BODY_BYTES}
     * @param headers headers worth repeating (ids, trace, correlation)
     */
    record StoredResponse(String invocationId, int status, String contentType, byte[] body, Map<String, String> headers) {
        public StoredResponse {
            headers = Map.copyOf(headers);
            if (body.length > MAX_BODY_BYTES) {
                throw new IllegalArgumentException("body: at most " + MAX_BODY_BYTES + " bytes, was " + body.length);
            }
        }
    }
}
