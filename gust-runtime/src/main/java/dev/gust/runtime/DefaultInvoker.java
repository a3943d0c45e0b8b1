package dev.gust.runtime;

import dev.gust.store.ColdStart;
import dev.gust.store.FunctionSpec;
import dev.gust.store.FunctionVersion;
import dev.gust.store.InvocationRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The node's {@link Invoker}: admits an invocation to its function's current pool, waits (bounded)
 * for a slot, runs it on the slot's worker and records it. Thread-safe: see {@link Invoker}; the
 * decisions live in {@link Placement}, the process work in {@link Worker}.
 */
final class DefaultInvoker implements Invoker {
    /** How often idle instances are checked against the keep-alive. */
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(5);
    /** The largest payload an invocation accepts, as Lambda's synchronous limit. */
    static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(DefaultInvoker.class.getName());

    private final Node node;
    private final AotCaches aotCaches;
    private final Placement placement;
    private final ScheduledFuture<?> sweeps;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile boolean shutdownStarted;

    /**
     * @param ticker monotonic nanoseconds for durations and billing
     * @param transitions sees every lifecycle step of every instance, under the node lock
     */
    DefaultInvoker(RuntimeConfig config, Sandbox sandbox, LongSupplier ticker,
            Consumer<Lifecycle.Transition> transitions) {
        var logs = new LogSink(config.store().logs(), config.clock(), config.logCapBytes());
        this.aotCaches = AotCaches.create(config);
        this.node = new Node(config, sandbox, new WorkerCommand(config, ClassDataArchive.start(config), aotCaches), logs,
                ticker);
        this.placement = new Placement(node, transitions);
        long every = SWEEP_INTERVAL.toMillis();
        this.sweeps = config.scheduler().scheduleWithFixedDelay(this::sweepLogged, every, every, TimeUnit.MILLISECONDS);
    }

    static Invoker create(RuntimeConfig config) {
        return new DefaultInvoker(config, Sandboxes.select(config.sandbox(), config.dataDir()), System::nanoTime,
                step -> { });
    }

    /** When the invocation was accepted, by the wall clock and the ticker. */
    private record Accepted(Instant start, long nanos) {
    }

    /** How an invocation went, before it became a record. */
    private record Attempt(Optional<FunctionVersion> version, Outcome outcome, Optional<String> instanceId,
            Optional<Duration> initDuration, long billedMillis, boolean cold, Optional<ColdStart> coldStart) {

        static Attempt refused(Optional<FunctionVersion> version, Outcome.Failure failure) {
            return new Attempt(version, failure, Optional.empty(), Optional.empty(), 0, false, Optional.empty());
        }
    }

    @Override
    public Invocation invoke(InvocationRequest request) {
        InvocationRequests.check(request, MAX_PAYLOAD_BYTES);
        var accepted = new Accepted(node.config().clock().instant(), node.ticker().getAsLong());
        Attempt attempt = switch (placement.admit(request.function())) {
            case Placement.Admission.Rejected r -> Attempt.refused(Optional.empty(), r.failure());
            case Placement.Admission.Queued q -> awaitAndRun(request, accepted, q);
        };
        return finish(request, accepted, attempt);
    }

    private Attempt awaitAndRun(InvocationRequest request, Accepted accepted, Placement.Admission.Queued queued) {
        return switch (awaitGrant(queued.waiter())) {
            case Grant.Refusal r -> Attempt.refused(Optional.of(queued.version()), r.failure());
            case Grant.Lease lease -> {
                try {
                    yield run(request, accepted, lease);
                } finally {
                    placement.release(lease);
                }
            }
        };
    }

    private Grant awaitGrant(Waiter waiter) {
        Duration wait = node.config().throttleWait();
        try {
            return waiter.grant.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return placement.abandon(waiter, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (placement.abandon(waiter, wait) instanceof Grant.Lease lease) {
                placement.release(lease);
            }
            return new Grant.Refusal(Outcome.Failure.of(ErrorKind.UNAVAILABLE,
                    "interrupted while waiting for an instance"));
        } catch (ExecutionException e) {
            throw new IllegalStateException("grants are never exceptional", e);
        }
    }

    private Attempt run(InvocationRequest request, Accepted accepted, Grant.Lease lease) {
        Instance instance = lease.instance();
        FunctionVersion version = instance.pool.version;
        Optional<Duration> init = Optional.empty();
        Optional<ColdStart> coldStart = Optional.empty();
        if (lease.cold()) {
            Duration queueWait = Duration.ofNanos(node.ticker().getAsLong() - accepted.nanos());
            Optional<Outcome.Failure> failed = instance.worker.awaitReady();
            init = Optional.of(Duration.ofNanos(node.ticker().getAsLong() - accepted.nanos()));
            if (failed.isPresent()) {
                return new Attempt(Optional.of(version), failed.get(), Optional.of(instance.id), init, 0, true,
                        Optional.empty());
            }
            Optional<StartTimings> timings = instance.worker.timings();
            timings.ifPresent(t -> node.logs().system(version, instance.id, request, t.describe()));
            coldStart = timings.map(t -> t.coldStart(instance.startReason, queueWait));
        }
        Worker.Ran ran = instance.worker.invoke(request);
        return new Attempt(Optional.of(version), ran.outcome(), Optional.of(instance.id), init,
                billedMillis(ran.runNanos()), lease.cold(), coldStart);
    }

    /** Whole milliseconds, rounded up; anything that ran costs at least one. */
    static long billedMillis(long runNanos) {
        return Math.max(1, (runNanos + 999_999) / 1_000_000);
    }

    private Invocation finish(InvocationRequest request, Accepted accepted, Attempt a) {
        var trace = request.trace();
        var record = new InvocationRecord(request.id(), request.function(), a.version().map(FunctionVersion::version).orElse(0),
                request.trigger(), accepted.start(), Duration.ofNanos(node.ticker().getAsLong() - accepted.nanos()),
                a.billedMillis(), a.initDuration(), a.version().map(v -> v.spec().memoryMb()).orElse(0),
                status(a.outcome()), errorType(a.outcome()), errorMessage(a.outcome()), a.instanceId(),
                trace.traceId(), trace.spanId(), trace.parentSpanId(), request.correlationId(), a.coldStart());
        node.config().store().invocations().record(record);
        return new Invocation(record, a.outcome(), a.cold());
    }

    private static InvocationRecord.Status status(Outcome o) {
        return switch (o) {
            case Outcome.Success s -> InvocationRecord.Status.SUCCESS;
            case Outcome.Failure f when f.kind() == ErrorKind.TIMEOUT -> InvocationRecord.Status.TIMEOUT;
            case Outcome.Failure f when f.kind() == ErrorKind.THROTTLED -> InvocationRecord.Status.THROTTLED;
            case Outcome.Failure f -> InvocationRecord.Status.ERROR;
        };
    }

    private static Optional<String> errorType(Outcome o) {
        return o instanceof Outcome.Failure f ? Optional.of(f.errorType()) : Optional.empty();
    }

    private static Optional<String> errorMessage(Outcome o) {
        return o instanceof Outcome.Failure f ? Optional.of(f.message()) : Optional.empty();
    }

    @Override
    public void activate(FunctionVersion version) {
        checkVersion(version);
        placement.activate(version);
        // never waits: the deploy is done; instances start plainly until the cache exists
        aotCaches.trainInBackground(version, node);
    }

    /** Rejects a version the pool logic cannot honour, naming the field; changes nothing. */
    static void checkVersion(FunctionVersion version) {
        FunctionSpec spec = version.spec();
        var c = spec.concurrency();
        require(spec.memoryMb() >= 128, "memoryMb: must be >= 128, was " + spec.memoryMb());
        require(!spec.timeout().isNegative() && !spec.timeout().isZero(), "timeout: must be positive, was " + spec.timeout());
        require(c.max() >= 1, "concurrency.max: must be >= 1, was " + c.max());
        require(c.min() >= 0 && c.min() <= c.max(), "concurrency.min: must be 0..max (" + c.max() + "), was " + c.min());
        require(c.perInstance() >= 1, "concurrency.perInstance: must be >= 1, was " + c.perInstance());
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("function version " + message);
        }
    }

    @Override
    public void remove(String function) {
        placement.remove(function);
    }

    @Override
    public List<PoolStats> stats() {
        return placement.stats();
    }

    @Override
    public String aotCache(FunctionVersion version) {
        return aotCaches.state(version);
    }

    @Override
    public List<StemCellStats> stemCells() {
        return placement.stemCells();
    }

    @Override
    public SandboxInfo sandbox() {
        return node.sandbox().info();
    }

    /** Runs one keep-alive sweep now (tests drive it with a manual clock). */
    void sweep() {
        placement.sweep();
    }

    private void sweepLogged() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // a failed sweep must not cancel the periodic task; the next one retries
            LOG.log(System.Logger.Level.WARNING, "keep-alive sweep failed", e);
        }
    }

    /** @return the node's function AOT caches (whether a version has one, for cold-start reports and tests) */
    AotCaches aotCaches() {
        return aotCaches;
    }

    /** @return the live instances of a function, for tests */
    List<Instance> instancesOf(String function) {
        return placement.instancesOf(function);
    }

    @Override
    public void shutdown(Duration bound) {
        if (shutdownStarted) {
            Outcomes.awaitUninterruptibly(stopped, bound.plus(Worker.EXIT_GRACE.multipliedBy(3)));
            return;
        }
        shutdownStarted = true;
        sweeps.cancel(false);
        aotCaches.close();
        placement.beginShutdown();
        boolean interrupted = false;
        try {
            placement.awaitNoneRunning(bound);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        List<StemCell> stems = placement.stopStems();
        stopWorkers(placement.stopAll());
        awaitStems(stems);
        stopped.complete(null);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Shutdown was sent; what has not exited within the grace is killed, and awaited once more. */
    private static void stopWorkers(List<Worker> workers) {
        if (allExited(workers, Worker.EXIT_GRACE)) {
            return;
        }
        workers.forEach(w -> w.kill("the node is shutting down"));
        allExited(workers, Worker.EXIT_GRACE);
    }

    private static void awaitStems(List<StemCell> stems) {
        var all = CompletableFuture.allOf(stems.stream().flatMap(c -> c.process().stream())
                .map(SandboxedProcess::onExit).toArray(CompletableFuture[]::new));
        Outcomes.awaitUninterruptibly(all, Worker.EXIT_GRACE);
    }

    private static boolean allExited(List<Worker> workers, Duration bound) {
        var all = CompletableFuture.allOf(workers.stream().map(Worker::exited).toArray(CompletableFuture[]::new));
        return Outcomes.awaitUninterruptibly(all, bound).isPresent() || all.isDone();
    }
}
