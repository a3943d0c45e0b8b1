package dev.gust.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.runtime.Invocation;
import dev.gust.runtime.InvocationRequest;
import dev.gust.runtime.Invoker;
import dev.gust.runtime.Outcome;
import dev.gust.runtime.PoolStats;
import dev.gust.runtime.SandboxInfo;
import dev.gust.sdk.Handler;
import dev.gust.store.FunctionVersion;
import dev.gust.store.InvocationRecord;
import dev.gust.testing.TestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ceiling: the same handler called in the node's own JVM, with the same JSON mapping in and out
 * but no worker hop, sandbox, record or log. Thread-safe.
 */
final class InProcessInvoker implements Invoker {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private final ObjectMapper json = new ObjectMapper();
    private final Handler<Map<String, Object>, ?> handler;
    private final TestContext context = TestContext.create();

    InProcessInvoker(Handler<Map<String, Object>, ?> handler) {
        this.handler = handler;
    }

    @Override
    public Invocation invoke(InvocationRequest request) {
        try {
            Object out = handler.handle(json.readValue(request.payload(), MAP), context);
            return new Invocation(record(request), new Outcome.Success(json.writeValueAsBytes(out)), false);
        } catch (Exception e) {
            return new Invocation(record(request), new Outcome.Failure(dev.gust.runtime.ErrorKind.FUNCTION_ERROR,
                    e.getClass().getSimpleName(), String.valueOf(e.getMessage()), List.of()), false);
        }
    }

    private static InvocationRecord record(InvocationRequest r) {
        return new InvocationRecord(r.id(), r.function(), 1, r.trigger(), Instant.EPOCH, Duration.ZERO, 0,
                Optional.empty(), 256, InvocationRecord.Status.SUCCESS, Optional.empty(), Optional.empty(),
                Optional.empty(), r.trace().traceId(), r.trace().spanId(), r.trace().parentSpanId(), r.correlationId());
    }

    @Override
    public void activate(FunctionVersion version) {
    }

    @Override
    public void remove(String function) {
    }

    @Override
    public List<PoolStats> stats() {
        return List.of();
    }

    @Override
    public SandboxInfo sandbox() {
        return new SandboxInfo("in-process", "none", Optional.empty());
    }

    @Override
    public void shutdown(Duration bound) {
    }
}
