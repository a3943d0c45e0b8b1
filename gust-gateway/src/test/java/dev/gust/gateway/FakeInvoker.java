package dev.gust.gateway;

import dev.gust.runtime.Invocation;
import dev.gust.runtime.InvocationRequest;
import dev.gust.runtime.Invoker;
import dev.gust.runtime.Outcome;
import dev.gust.runtime.PoolStats;
import dev.gust.runtime.SandboxInfo;
import dev.gust.store.FunctionVersion;
import dev.gust.store.InvocationRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** An invoker that runs a lambda instead of a function, and remembers what it was asked. */
final class FakeInvoker implements Invoker {
    private final List<InvocationRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Function<InvocationRequest, Outcome> behaviour = FakeInvoker::echo;
    private volatile boolean coldStart;

    /** @return a success whose payload is the event the function received */
    static Outcome echo(InvocationRequest r) {
        return new Outcome.Success(r.payload());
    }

    void answer(Function<InvocationRequest, Outcome> b) {
        behaviour = b;
    }

    void answerJson(String json) {
        answer(r -> new Outcome.Success(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    void coldStart(boolean cold) {
        coldStart = cold;
    }

    List<InvocationRequest> requests() {
        return requests;
    }

    InvocationRequest last() {
        return requests.getLast();
    }

    void reset() {
        requests.clear();
        behaviour = FakeInvoker::echo;
        coldStart = false;
    }

    @Override
    public Invocation invoke(InvocationRequest r) {
        requests.add(r);
        Outcome outcome = behaviour.apply(r);
        return new Invocation(record(r, outcome), outcome, coldStart);
    }

    private static InvocationRecord record(InvocationRequest r, Outcome o) {
        boolean ok = o instanceof Outcome.Success;
        return new InvocationRecord(r.id(), r.function(), 1, r.trigger(), Instant.EPOCH, Duration.ZERO, 1,
                Optional.empty(), 128, ok ? InvocationRecord.Status.SUCCESS : InvocationRecord.Status.ERROR,
                Optional.empty(), Optional.empty(), Optional.of("i-test"), r.trace().traceId(), r.trace().spanId(),
                r.trace().parentSpanId(), r.correlationId());
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
        return new SandboxInfo("fake", "none", Optional.empty());
    }

    @Override
    public void shutdown(Duration bound) {
    }
}
