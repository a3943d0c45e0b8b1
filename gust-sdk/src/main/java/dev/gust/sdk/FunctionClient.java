package dev.gust.sdk;

/**
 * Invokes other functions of the node from inside a function. The callee runs with trigger
 * {@code function}, in the caller's trace (a child span) and with the caller's correlation id;
 * each invocation is recorded as child work of the calling invocation.
 *
 * <p>Inputs are serialised as JSON by the worker's mapper (records and POJOs by name, a
 * {@code String} as a JSON string, a {@link JsonText} as it is). Thread-safe, until the invocation
 * returns (see {@link QueueClient}).
 *
 * <p>A synchronous call occupies the caller while the callee runs: it counts against the caller's
 * timeout, and a function that calls itself needs room for a second instance (its {@code max}).
 */
public interface FunctionClient {

    /**
     * Invokes {@code function} and waits for its result.
     *
     * @param function the callee's name
     * @param input its input
     * @param output the type to map the callee's JSON output to: a record, POJO, {@code Map},
     *     {@code List}, {@code String} (a JSON string's value, else the JSON text) or {@code Object}
     * @return the callee's output, or {@code null} when it returned {@code null}
     * @throws GustCallException {@link GustCallException#FUNCTION_NOT_FOUND},
     *     {@link GustCallException#TOO_MANY_REQUESTS}, {@link GustCallException#TIMEOUT}, the
     *     callee's own error type when it threw, {@link GustCallException#INVALID_REQUEST} when its
     *     output does not fit {@code output}, {@link GustCallException#PAYLOAD_TOO_LARGE} over 6 MB
     */
    <T> T invoke(String function, Object input, Class<T> output);

    /**
     * Invokes {@code function} and waits for its result, as JSON text: the form to parse with the
     * function's own JSON library (into its own {@code JsonNode}, say).
     *
     * @param function the callee's name
     * @param input its input
     * @return the callee's output as JSON text, e.g. {@code {"total":42}} or {@code null}
     * @throws GustCallException as {@link #invoke(String, Object, Class)}
     */
    String invoke(String function, Object input);

    /**
     * Queues an async invocation of {@code function}, run and retried as any async invocation.
     *
     * @param function the callee's name
     * @param input its input, at most 256 KB as JSON
     * @return the id of the invocation, as in {@code GET /v1/async-invocations/{id}}
     * @throws GustCallException {@link GustCallException#FUNCTION_NOT_FOUND},
     *     {@link GustCallException#PAYLOAD_TOO_LARGE}
     */
    String invokeAsync(String function, Object input);

    /**
     * Queues an async invocation at most once per key: a repeat with the same key within 24 hours
     * returns the first invocation's id instead of queuing another.
     *
     * @param function the callee's name
     * @param input its input
     * @param idempotencyKey 1..255 printable ASCII characters
     * @return the id of the invocation (the first one's, on a repeat)
     * @throws GustCallException as {@link #invokeAsync(String, Object)}, and
     *     {@link GustCallException#CONFLICT} while the first request with the key is still being accepted
     */
    String invokeAsync(String function, Object input, String idempotencyKey);
}
