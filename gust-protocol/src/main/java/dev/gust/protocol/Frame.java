package dev.gust.protocol;

import java.util.List;

/**
 * One message between a node and a worker. On the wire a frame is a 4-byte big-endian length, a
 * 1-byte type and the type's fields (see {@link FrameCodec}). The worker sends {@link Hello} once
 * connected, then {@link Ready} or {@link InitFailed}; afterwards the node sends {@link Invoke} and
 * the worker answers each with exactly one {@link Result}, sending {@link Log} frames meanwhile.
 */
public sealed interface Frame {

    /**
     * Worker to node, first frame after connecting.
     *
     * @param instanceId the id the node gave the instance (GUST_INSTANCE_ID)
     * @param vmStartEpochMicros when the worker JVM started
     * @param connectedEpochMicros when the worker connected
     */
    record Hello(String instanceId, long vmStartEpochMicros, long connectedEpochMicros) implements Frame {
    }

    /**
     * Worker to node: the handler is loaded and initialised.
     *
     * @param classLoadMicros time spent loading the handler and its classes
     * @param initMicros time spent in the handler's constructor and {@code init}
     */
    record Ready(long classLoadMicros, long initMicros) implements Frame {
    }

    /**
     * Worker to node: the handler could not be loaded or initialised; the worker exits after this.
     *
     * @param error what went wrong
     */
    record InitFailed(ErrorInfo error) implements Frame {
    }

    /**
     * Node to worker: run one invocation.
     *
     * @param invocationId the invocation's id
     * @param timeoutMillis how long the handler may run
     * @param traceparent the W3C traceparent of this invocation's span
     * @param correlationId the correlation id
     * @param payload the JSON input
     */
    record Invoke(String invocationId, long timeoutMillis, String traceparent, String correlationId,
            byte[] payload) implements Frame {
    }

    /**
     * Worker to node: the outcome of one {@link Invoke}.
     *
     * @param invocationId the invocation's id
     * @param ok whether the handler returned normally
     * @param payload the JSON output when ok, empty otherwise
     * @param error the failure when not ok, else {@code null}
     */
    record Result(String invocationId, boolean ok, byte[] payload, ErrorInfo error) implements Frame {
        public static Result success(String invocationId, byte[] payload) {
            return new Result(invocationId, true, payload, null);
        }

        public static Result failure(String invocationId, ErrorInfo error) {
            return new Result(invocationId, false, new byte[0], error);
        }
    }

    /**
     * Worker to node: output written by the function.
     *
     * @param invocationId the invocation it was written in, or empty outside any invocation
     * @param stream where it was written
     * @param text the text, at most one chunk (see {@link FrameCodec#MAX_LOG_CHUNK})
     * @param truncated whether the worker dropped output after this chunk (the invocation's log
     *     reached its cap)
     */
    record Log(String invocationId, Stream stream, String text, boolean truncated) implements Frame {
    }

    /** Node to worker: finish what is running, then exit. */
    record Shutdown() implements Frame {
    }

    /** Where a log line came from. */
    enum Stream { STDOUT, STDERR, LOGGER }

    /**
     * A failure, shaped like Lambda's error object.
     *
     * @param errorType e.g. {@code InitError}, {@code OutOfMemory}, or the exception's class name
     * @param message the exception's message
     * @param stackTrace the trace, trimmed to the function's own frames
     */
    record ErrorInfo(String errorType, String message, List<String> stackTrace) {
    }
}
