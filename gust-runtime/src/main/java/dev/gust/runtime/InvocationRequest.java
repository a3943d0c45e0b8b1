package dev.gust.runtime;

import dev.gust.common.TraceContext;

/**
 * One invocation to run.
 *
 * @param id the invocation id (made by the caller, so it can appear in the event it builds)
 * @param function the function name
 * @param payload the JSON input
 * @param trigger {@code http}, {@code api}, ...
 * @param trace this invocation's span
 * @param correlationId the correlation id
 */
public record InvocationRequest(String id, String function, byte[] payload, String trigger, TraceContext trace,
        String correlationId) {
}
