package dev.gust.protocol;

import java.util.List;

/**
 * One message between a node and a worker. On the wire a frame is a 4-byte big-endian length, a
 * 1-byte type and the type's fields (see {@link FrameCodec}). The worker sends {@link Hello} once
 * connected, then {@link Ready} or {@link InitFailed}; afterwards the node sends {@link Invoke} and
 * the worker answers each with exactly one {@link Result}, sending {@link Log} frames meanwhile.
 * A stem cell gets a {@link Specialize} after its {@code Hello} and only then answers {@code Ready}.
 * While an invocation runs, its worker may send {@link Call}s on its behalf; the node answers each
 * with exactly one {@link CallResult}, matched by call id, in any order.
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

    /**
     * Worker to node: a running invocation asks the platform for something. The payload is a JSON
     * object whose fields depend on the operation:
     * <ul>
     *   <li>{@value #QUEUE_SEND}: {@code queue}, {@code body}, optional {@code attributes} (object of
     *       strings), {@code delayMillis}, {@code groupId}, {@code deduplicationId}; answered with
     *       {@code {"messageId": ...}}.
     *   <li>{@value #EVENTS_PUBLISH}: {@code source}, {@code type}, optional {@code subject} and
     *       {@code data} (any JSON); answered with {@code {"eventId": ...}}.
     *   <li>{@value #FUNCTION_INVOKE}: {@code function}, {@code input} (any JSON); answered with the
     *       callee's output, as it returned it.
     *   <li>{@value #FUNCTION_INVOKE_ASYNC}: {@code function}, {@code input}, optional
     *       {@code idempotencyKey}; answered with {@code {"invocationId": ...}}.
     *   <li>{@value #WORKFLOW_START}: {@code workflow}, {@code input} (any JSON), optional {@code name}
     *       (the execution's name); answered with {@code {"executionId": ...}}.
     * </ul>
     *
     * @param invocationId the running invocation that makes the call
     * @param callId unique among the worker's calls in flight
     * @param operation what to do, one of the constants of this record
     * @param payload the operation's JSON request
     */
    record Call(String invocationId, String callId, String operation, byte[] payload) implements Frame {
        /** Send one message to a queue. */
        public static final String QUEUE_SEND = "queue.send";
        /** Publish one event to the event bus. */
        public static final String EVENTS_PUBLISH = "events.publish";
        /** Invoke a function and wait for its result. */
        public static final String FUNCTION_INVOKE = "function.invoke";
        /** Queue an async invocation of a function. */
        public static final String FUNCTION_INVOKE_ASYNC = "function.invokeAsync";
        /** Start an execution of a workflow. */
        public static final String WORKFLOW_START = "workflow.start";
    }

    /**
     * Node to worker: the answer to one {@link Call}.
     *
     * @param callId the call's id
     * @param ok whether the call succeeded
     * @param payload the operation's JSON answer when ok, empty otherwise
     * @param error why it failed when not ok (the error type is what the function sees), else {@code null}
     */
    record CallResult(String callId, boolean ok, byte[] payload, ErrorInfo error) implements Frame {
        public static CallResult success(String callId, byte[] payload) {
            return new CallResult(callId, true, payload, null);
        }

        public static CallResult failure(String callId, String errorType, String message) {
            return new CallResult(callId, false, new byte[0], new ErrorInfo(errorType, message, List.of()));
        }
    }

    /** Node to worker: finish what is running, then exit. */
    record Shutdown() implements Frame {
    }

    /**
     * Node to a stem cell, after its {@link Hello}: become this function's instance. A stem cell is a
     * worker started without a function ({@code GUST_STEM_CELL=1}); once specialised it answers
     * {@link Ready} or {@link InitFailed} exactly as a worker started for the function would, and it
     * stays that function's instance until it exits.
     *
     * @param environment the whole environment a worker started for the function would have had
     *     (the function's own variables and the {@code GUST_} settings), except {@code GUST_CODE}
     *     and {@code GUST_SOCKET}, which the stem cell keeps
     */
    record Specialize(java.util.Map<String, String> environment) implements Frame {
        public Specialize {
            environment = java.util.Map.copyOf(environment);
        }
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
