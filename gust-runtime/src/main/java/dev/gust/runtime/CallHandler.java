package dev.gust.runtime;

import dev.gust.common.TraceContext;
import java.util.Objects;

/**
 * Serves the calls a running invocation makes to the platform (a function sending to a queue,
 * publishing an event, invoking another function). The runtime hands it every {@code Call} a
 * worker sends for an invocation running on that worker, on a virtual thread of its own, and sends
 * the {@link Reply} back; calls for anything else are refused before they get here.
 *
 * <p>Thread-safe: called concurrently, many calls per instance. May block (a synchronous invoke
 * waits for its callee). Should not throw: an exception becomes an {@code Unhandled} reply and a
 * line in the node's log.
 */
@FunctionalInterface
public interface CallHandler {

    /**
     * @param caller the running invocation that makes the call
     * @param operation what it asks for, e.g. {@code queue.send} (see {@code Frame.Call})
     * @param payload the operation's JSON request
     * @return the answer
     */
    Reply handle(Caller caller, String operation, byte[] payload);

    /** @return a handler that refuses every call, saying the node offers no platform calls */
    static CallHandler refusing() {
        return (caller, operation, payload) -> new Reply.Failed("Unsupported", operation
                + ": this node does not serve calls from functions");
    }

    /**
     * The invocation a call comes from.
     *
     * @param invocationId its id
     * @param function its function
     * @param version the version it runs
     * @param trace its span: work it causes continues this trace as child spans
     * @param correlationId its correlation id, which the work it causes carries on
     */
    record Caller(String invocationId, String function, int version, TraceContext trace, String correlationId) {
        public Caller {
            Objects.requireNonNull(invocationId, "invocationId");
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(trace, "trace");
            Objects.requireNonNull(correlationId, "correlationId");
        }
    }

    /** The answer to one call. */
    sealed interface Reply {
        /** @param payload the operation's JSON answer */
        record Ok(byte[] payload) implements Reply {
        }

        /**
         * @param errorType what the function's {@code GustCallException} reports, e.g. {@code QueueDoesNotExist}
         * @param message what went wrong, naming the field or resource; shown to the function
         */
        record Failed(String errorType, String message) implements Reply {
        }
    }
}
