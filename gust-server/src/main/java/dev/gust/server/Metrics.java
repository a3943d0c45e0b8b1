package dev.gust.server;

import dev.gust.runtime.Invocation;
import dev.gust.runtime.InvocationRequest;
import dev.gust.runtime.Invoker;
import dev.gust.runtime.InstanceState;
import dev.gust.runtime.Outcome;
import dev.gust.runtime.PoolStats;
import dev.gust.runtime.SandboxInfo;
import dev.gust.runtime.StemCellStats;
import dev.gust.store.ColdStart;
import dev.gust.store.FunctionVersion;
import io.micrometer.core.instrument.Counter;
import dev.gust.queue.QueueInfo;
import dev.gust.queue.QueueTriggers;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.IntSupplier;

/**
 * Prometheus metrics of the node, and an {@link Invoker} decorator that feeds them: every
 * invocation, whichever door it came through (gateway or admin API), is counted once. Thread-safe.
 */
final class Metrics implements Invoker {
    private final Invoker delegate;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MultiGauge instances;
    private final MultiGauge queueMessages;
    private final MultiGauge queueAges;
    private volatile Supplier<List<QueueInfo>> queues = List::of;
    // looked up per invocation: a registry lookup by name and tags costs more than the increment
    private final ConcurrentMap<String, Counter> meters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> coldStartTimers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ColdStartCounts> coldStarts = new ConcurrentHashMap<>();
    private final StemCellMeters stemCellMeters;
    private volatile Supplier<List<StemCellStats>> stemCells;

    Metrics(Invoker delegate) {
        this.delegate = delegate;
        this.stemCells = delegate::stemCells;
        this.stemCellMeters = new StemCellMeters(registry);
        this.instances = MultiGauge.builder("gust.instances")
                .description("function instances by state")
                .register(registry);
        this.queueMessages = MultiGauge.builder("gust.queue.messages")
                .description("messages by queue and state: visible (depth), in_flight, delayed")
                .register(registry);
        this.queueAges = MultiGauge.builder("gust.queue.oldest.age").baseUnit("seconds")
                .description("age of the oldest message kept in the queue")
                .register(registry);
    }

    /** Exposes {@code gust_async_pending}: async invocations accepted and not yet finished. */
    void asyncPending(IntSupplier pending) {
        Gauge.builder("gust.async.pending", pending::getAsInt)
                .description("async invocations accepted and not yet finished (due, waiting for a retry or running)")
                .register(registry);
    }

    /**
     * Exposes {@code gust_queue_messages{queue,state}} (visible, in_flight, delayed) and
     * {@code gust_queue_oldest_age_seconds{queue}}, read at each scrape.
     */
    void queues(Supplier<List<QueueInfo>> queues) {
        this.queues = queues;
    }

    /**
     * Reads the stem cells, for {@link #stemCells()} and the scrape, from {@code source} instead of the
     * runtime's {@link Invoker#stemCells()}.
     */
    void stemCellsFrom(Supplier<List<StemCellStats>> source) {
        this.stemCells = source;
    }

    /**
     * @param function a function name
     * @return its cold starts since the node started: {@code {total, byMode, byReason}}, zeros when none
     */
    Map<String, Object> coldStarts(String function) {
        return ColdStartCounts.view(coldStarts.get(function));
    }

    /** Exposes {@code gust_queue_trigger_batches_total}: batches queue triggers handed to functions and settled. */
    void triggerBatches(QueueTriggers triggers) {
        // the counter holds its object weakly: the node keeps the triggers alive
        io.micrometer.core.instrument.FunctionCounter.builder("gust.queue.trigger.batches", triggers,
                        QueueTriggers::settledBatches)
                .description("batches queue triggers handed to functions and settled")
                .register(registry);
    }

    private void refreshQueues() {
        List<MultiGauge.Row<?>> counts = new ArrayList<>();
        List<MultiGauge.Row<?>> ages = new ArrayList<>();
        for (QueueInfo q : queues.get()) {
            String name = q.config().name();
            counts.add(MultiGauge.Row.of(Tags.of("queue", name, "state", "visible"), q.counts().visible()));
            counts.add(MultiGauge.Row.of(Tags.of("queue", name, "state", "in_flight"), q.counts().inFlight()));
            counts.add(MultiGauge.Row.of(Tags.of("queue", name, "state", "delayed"), q.counts().delayed()));
            ages.add(MultiGauge.Row.of(Tags.of("queue", name), q.oldestAge().toSeconds()));
        }
        queueMessages.register(counts, true);
        queueAges.register(ages, true);
    }

    /** @return the Prometheus text exposition of every metric */
    String scrape() {
        refreshInstances();
        refreshQueues();
        stemCellMeters.refresh(stemCells());
        return registry.scrape();
    }

    private void refreshInstances() {
        Map<String, Map<InstanceState, Integer>> byFunction = new TreeMap<>();
        for (PoolStats pool : delegate.stats()) {
            var counts = byFunction.computeIfAbsent(pool.function(), f -> new EnumMap<>(InstanceState.class));
            pool.instances().forEach((state, n) -> counts.merge(state, n, Integer::sum));
        }
        List<MultiGauge.Row<?>> rows = byFunction.entrySet().stream()
                .flatMap(e -> java.util.Arrays.stream(InstanceState.values())
                        .filter(s -> s != InstanceState.STOPPED)
                        .map(s -> MultiGauge.Row.of(Tags.of("function", e.getKey(), "state", s.name().toLowerCase()),
                                e.getValue().getOrDefault(s, 0))))
                .<MultiGauge.Row<?>>map(r -> r)
                .toList();
        instances.register(rows, true);
    }

    @Override
    public Invocation invoke(InvocationRequest request) {
        Invocation invocation = delegate.invoke(request);
        record(invocation);
        return invocation;
    }

    /** Counts a finished invocation; package-private so tests can feed what the runtime cannot produce yet. */
    void record(Invocation invocation) {
        var r = invocation.record();
        String status = r.status().name().toLowerCase();
        meters.computeIfAbsent("i|" + r.function() + "|" + status, k -> Counter.builder("gust.invocations")
                .description("invocations by function and status")
                .tags("function", r.function(), "status", status).register(registry)).increment();
        if (invocation.outcome() instanceof Outcome.Failure f) {
            meters.computeIfAbsent("e|" + r.function() + "|" + f.errorType(), k -> Counter.builder("gust.invocation.errors")
                    .description("failed invocations by error type")
                    .tags("function", r.function(), "type", f.errorType()).register(registry)).increment();
        }
        if (r.status() == dev.gust.store.InvocationRecord.Status.THROTTLED) {
            meters.computeIfAbsent("t|" + r.function(), k -> Counter.builder("gust.throttles")
                    .description("invocations refused for lack of capacity")
                    .tags("function", r.function()).register(registry)).increment();
        }
        if (invocation.coldStart() || r.coldStart().isPresent()) {
            recordColdStart(r.function(), r.coldStart());
        }
        timers.computeIfAbsent(r.function(), f -> Timer.builder("gust.invocation.duration")
                .description("time from acceptance to result")
                .tags("function", f)
                .publishPercentileHistogram()
                .register(registry)).record(r.duration());
    }

    /** Counts one cold start; one without a breakdown (the runtime gave none) counts as {@code unknown}. */
    private void recordColdStart(String function, Optional<ColdStart> coldStart) {
        String mode = coldStart.map(c -> c.mode().name()).orElse(ColdStartCounts.UNKNOWN);
        String reason = coldStart.map(c -> c.reason().name()).orElse(ColdStartCounts.UNKNOWN);
        coldStarts.computeIfAbsent(function, f -> new ColdStartCounts()).add(mode, reason);
        meters.computeIfAbsent("c|" + function + "|" + mode + "|" + reason, k -> Counter.builder("gust.cold.starts")
                .description("invocations that waited for a new instance, by how it started and why")
                .tags("function", function, "mode", label(mode), "reason", label(reason))
                .register(registry)).increment();
        coldStart.ifPresent(this::recordBreakdown);
    }

    private void recordBreakdown(ColdStart c) {
        String mode = label(c.mode().name());
        coldStartTimers.computeIfAbsent(mode, m -> Timer.builder("gust.cold.start.duration")
                .description("what an invocation waited for its cold start: the sum of the breakdown's parts")
                .tags("mode", m)
                .publishPercentileHistogram()
                .register(registry)).record(ColdStarts.total(c));
        ColdStarts.parts(c).forEach((phase, d) -> coldStartTimers.computeIfAbsent(mode + "|" + phase,
                k -> Timer.builder("gust.cold.start.phase.duration")
                        .description("one part of cold starts' breakdown: "
                                + "queue_wait, sandbox, jvm, hand_over, class_load, init")
                        .tags("mode", mode, "phase", phase)
                        .register(registry)).record(d));
    }

    private static String label(String enumName) {
        return enumName.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void activate(FunctionVersion version) {
        delegate.activate(version);
    }

    @Override
    public void remove(String function) {
        delegate.remove(function);
    }

    @Override
    public List<PoolStats> stats() {
        return delegate.stats();
    }

    @Override
    public List<StemCellStats> stemCells() {
        return stemCells.get();
    }

    @Override
    public SandboxInfo sandbox() {
        return delegate.sandbox();
    }

    @Override
    public String aotCache(FunctionVersion version) {
        return delegate.aotCache(version);
    }

    @Override
    public void shutdown(Duration bound) {
        delegate.shutdown(bound);
    }
}
