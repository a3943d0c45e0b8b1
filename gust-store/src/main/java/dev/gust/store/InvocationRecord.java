package dev.gust.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What happened in one invocation, of any trigger.
 *
 * @param id the invocation id
 * @param function the function name
 * @param version the version that ran (0 when none could be chosen)
 * @param trigger {@code http}, {@code api}, ...
 * @param start when the node accepted it
 * @param duration from acceptance to result
 * @param billedMillis the handler's run time rounded up to a whole millisecond
 * @param initDuration the cold start, when this invocation waited for a new instance
 * @param memoryMb the function's memory limit
 * @param status the outcome
 * @param errorType the error type, when it failed
 * @param errorMessage the error message, when it failed
 * @param instanceId the instance that ran it, when one did
 * @param traceId the W3C trace id
 * @param spanId the span of this invocation
 * @param parentSpanId the caller's span, when there was one
 * @param correlationId the correlation id
 * @param coldStart where the cold start's time went, when this invocation waited for a new instance
 */
public record InvocationRecord(
        String id,
        String function,
        int version,
        String trigger,
        Instant start,
        Duration duration,
        long billedMillis,
        Optional<Duration> initDuration,
        int memoryMb,
        Status status,
        Optional<String> errorType,
        Optional<String> errorMessage,
        Optional<String> instanceId,
        String traceId,
        String spanId,
        Optional<String> parentSpanId,
        String correlationId,
        Optional<ColdStart> coldStart) {

    /** A record without a cold-start breakdown. */
    public InvocationRecord(String id, String function, int version, String trigger, Instant start, Duration duration,
            long billedMillis, Optional<Duration> initDuration, int memoryMb, Status status,
            Optional<String> errorType, Optional<String> errorMessage, Optional<String> instanceId, String traceId,
            String spanId, Optional<String> parentSpanId, String correlationId) {
        this(id, function, version, trigger, start, duration, billedMillis, initDuration, memoryMb, status, errorType,
                errorMessage, instanceId, traceId, spanId, parentSpanId, correlationId, Optional.empty());
    }

    /** How an invocation ended. */
    public enum Status { SUCCESS, ERROR, TIMEOUT, THROTTLED }
}
