package dev.gust.store;

import java.time.Instant;

/**
 * One line a function wrote.
 *
 * @param time when the node received it
 * @param function the function name
 * @param version the function version
 * @param invocationId the invocation it belongs to, or empty for output outside any invocation
 * @param instanceId the instance that wrote it
 * @param stream {@code stdout}, {@code stderr}, {@code logger} or {@code system} (the node's own
 *     notes, such as truncation)
 * @param message the text
 * @param traceId the invocation's trace id, or empty
 * @param correlationId the invocation's correlation id, or empty
 */
public record LogLine(
        Instant time,
        String function,
        int version,
        String invocationId,
        String instanceId,
        String stream,
        String message,
        String traceId,
        String correlationId) {
}
