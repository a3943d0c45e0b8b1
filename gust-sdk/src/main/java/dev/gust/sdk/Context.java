package dev.gust.sdk;

import java.time.Duration;

/**
 * Facts about one invocation, and the clients through which it calls the platform
 * ({@link #queues()}, {@link #events()}, {@link #functions()}, {@link #workflows()}). Valid only during the
 * {@link Handler#handle} call it was passed to; safe to use from the threads that call starts.
 */
public interface Context extends InitContext {

    /** @return the invocation id, as in the {@code Gust-Invocation-Id} response header */
    String invocationId();

    /** @return the time left before the invocation times out and its instance is stopped */
    Duration remainingTime();

    /** @return the W3C trace id (32 lowercase hex digits) the invocation belongs to */
    String traceId();

    /** @return the full W3C {@code traceparent} of this invocation's span */
    String traceparent();

    /**
     * @return the correlation id that follows the work across every hop, as received in
     *     {@code Gust-Correlation-Id} or made at the edge
     */
    String correlationId();

    /** @return a logger whose lines are tagged with this invocation, its trace and correlation ids */
    @Override
    Logger logger();

    /**
     * @return a client that sends messages to the node's queues on behalf of this invocation
     * @throws UnsupportedOperationException from a context that offers no platform calls
     */
    default QueueClient queues() {
        throw new UnsupportedOperationException(getClass().getName() + " offers no queue client");
    }

    /**
     * @return a client that publishes events to the node's event bus on behalf of this invocation
     * @throws UnsupportedOperationException from a context that offers no platform calls
     */
    default EventClient events() {
        throw new UnsupportedOperationException(getClass().getName() + " offers no event client");
    }

    /**
     * @return a client that invokes other functions on behalf of this invocation
     * @throws UnsupportedOperationException from a context that offers no platform calls
     */
    default FunctionClient functions() {
        throw new UnsupportedOperationException(getClass().getName() + " offers no function client");
    }

    /**
     * @return a client that starts workflow executions on behalf of this invocation
     * @throws UnsupportedOperationException from a context that offers no platform calls
     */
    default WorkflowClient workflows() {
        throw new UnsupportedOperationException(getClass().getName() + " offers no workflow client");
    }
}
