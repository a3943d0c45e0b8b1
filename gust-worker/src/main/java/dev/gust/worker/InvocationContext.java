package dev.gust.worker;

import dev.gust.sdk.Context;
import dev.gust.sdk.EventClient;
import dev.gust.sdk.FunctionClient;
import dev.gust.sdk.Logger;
import dev.gust.sdk.QueueClient;
import dev.gust.sdk.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

/**
 * The {@link Context} of one invocation. Immutable apart from the clock and its clients' end;
 * safe from any thread.
 */
final class InvocationContext implements Context {
    private final FunctionContext function;
    private final String invocationId;
    private final String traceparent;
    private final String correlationId;
    private final InstantSource monotonic;
    private final Instant deadline;
    private final Logger logger;
    private final InvocationClients clients;

    /**
     * @param monotonic the clock the deadline is measured on
     * @param timeoutMillis how long the invocation may run from now
     */
    InvocationContext(FunctionContext function, String invocationId, String traceparent, String correlationId,
            InstantSource monotonic, long timeoutMillis, Logger logger, PlatformCalls calls, JsonCodec json) {
        this.function = function;
        this.invocationId = invocationId;
        this.traceparent = traceparent;
        this.correlationId = correlationId;
        this.monotonic = monotonic;
        this.deadline = monotonic.instant().plusMillis(timeoutMillis);
        this.logger = logger;
        this.clients = new InvocationClients(invocationId, calls, json, this::remainingTime);
    }

    /** The handler has returned: calls through this context's clients fail from now on. */
    void end() {
        clients.end();
    }

    @Override
    public QueueClient queues() {
        return clients;
    }

    @Override
    public EventClient events() {
        return clients;
    }

    @Override
    public FunctionClient functions() {
        return clients;
    }

    @Override
    public WorkflowClient workflows() {
        return clients;
    }

    @Override
    public String invocationId() {
        return invocationId;
    }

    @Override
    public Duration remainingTime() {
        Duration left = Duration.between(monotonic.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The trace id is the second field of {@code version-traceid-spanid-flags}; empty when malformed. */
    @Override
    public String traceId() {
        String[] parts = traceparent.split("-");
        return parts.length >= 4 && parts[1].length() == 32 ? parts[1] : "";
    }

    @Override
    public String traceparent() {
        return traceparent;
    }

    @Override
    public String correlationId() {
        return correlationId;
    }

    @Override
    public Logger logger() {
        return logger;
    }

    @Override
    public String functionName() {
        return function.functionName();
    }

    @Override
    public String functionVersion() {
        return function.functionVersion();
    }

    @Override
    public int memoryLimitMb() {
        return function.memoryLimitMb();
    }

    @Override
    public Map<String, String> environment() {
        return function.environment();
    }
}
