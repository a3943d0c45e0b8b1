package dev.gust.runtime;

import dev.gust.protocol.Frame;
import dev.gust.protocol.FrameChannel;
import dev.gust.store.ColdStart;
import dev.gust.store.FunctionVersion;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The node's side of one worker process: launches it in the sandbox, accepts its connection, runs
 * the handshake, sends invocations and reads their results, logs and the end of the process.
 *
 * <p>Threads: {@link #start} runs on its own virtual thread and becomes the reader of the
 * channel; {@link #invoke} is called by invoking threads (several at once when the function's
 * per-instance concurrency allows); {@link #kill} and {@link #shutdown} from any thread. Nothing
 * here takes the node lock; the instance's {@link Events} do, briefly.
 */
final class Worker {
    private static final System.Logger LOG = System.getLogger(Worker.class.getName());
    /** The longest a worker may take from launch to Ready. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** How long a worker may take to exit after its connection ended or it was asked to stop. */
    static final Duration EXIT_GRACE = Duration.ofSeconds(10);

    /** What the worker tells its instance. Called without locks held. */
    interface Events {
        /** The handler is loaded and initialised. */
        void ready();

        /** The node decided to stop the worker (timeout, eviction...): take nothing new. */
        void stopping();

        /** The process has ended; every invocation it ran has its outcome. */
        void stopped();
    }

    private final String instanceId;
    private final FunctionVersion version;
    private final Node node;
    private final Events events;
    private final Map<String, Pending> running = new ConcurrentHashMap<>();
    private final CompletableFuture<Optional<Outcome.Failure>> ready = new CompletableFuture<>();
    private final CompletableFuture<SandboxedProcess.Exit> exited = new CompletableFuture<>();
    private final AtomicReference<SandboxedProcess.Exit> finalExit = new AtomicReference<>();
    private final List<OutputDrain> drains = new ArrayList<>();
    private final long createdNanos;
    private volatile SandboxedProcess process;
    private volatile WorkerPipes pipes;
    private volatile FrameChannel channel;
    private volatile String stopReason;
    private volatile StartTimings timings;
    private volatile long spawnNanos;
    private volatile long jvmNanos;
    private final Optional<StemCell> stem;
    private volatile ColdStart.Mode mode = ColdStart.Mode.PLAIN;

    /**
     * @param stem the stem cell this instance is made of, or empty to launch a new worker process
     */
    Worker(String instanceId, FunctionVersion version, Node node, Events events, Optional<StemCell> stem) {
        this.instanceId = instanceId;
        this.version = version;
        this.node = node;
        this.events = events;
        this.stem = stem;
        this.createdNanos = node.ticker().getAsLong();
    }

    /** Launches the process and, once it connects, reads its frames until it ends. Blocks. */
    void start() {
        ScheduledFuture<?> guard = null;
        Exception cause = null;
        try {
            guard = node.scheduler().schedule(this::startTimedOut, START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (stem.isPresent()) {
                adopt(stem.get());
            } else {
                connect();
            }
            readFrames();
        } catch (IOException | RuntimeException e) {
            cause = e;
        } finally {
            if (guard != null) {
                guard.cancel(false);
            }
            connectionLost(cause);
        }
    }

    /** Launches the process with its channel ready; its Hello is the first frame {@link #readFrames} reads. */
    private void connect() throws IOException {
        Path runDir = Sandboxes.createRunDir(node.config().dataDir(), instanceId);
        try {
            pipes = WorkerPipes.create(runDir);
            process = node.sandbox().launch(spec(runDir));
        } catch (IOException | RuntimeException e) {
            closeQuietly(pipes);
            LaunchedProcess.deleteTree(runDir);
            throw e;
        }
        spawnNanos = node.ticker().getAsLong() - createdNanos;
        drains.add(OutputDrain.start(instanceId + "-stdout", process.stdout(), line -> raw("stdout", line)));
        drains.add(OutputDrain.start(instanceId + "-stderr", process.stderr(), line -> raw("stderr", line)));
        channel = pipes.channel();
        process.onExit().whenComplete((exit, x) -> closeQuietly(channel));
        if (stopReason != null || process.onExit().isDone()) {
            process.kill();
        }
    }

    /**
     * Takes over a stem cell that has said Hello: links the function's code into its code directory
     * and tells it which function it now is. Its Ready follows as from any worker.
     */
    private void adopt(StemCell cell) throws IOException {
        mode = ColdStart.Mode.STEM_CELL;
        var adopted = cell.adopt(this::raw);
        process = adopted.process();
        drains.addAll(adopted.drains());
        channel = adopted.channel();
        process.onExit().whenComplete((exit, x) -> closeQuietly(channel));
        if (stopReason != null || process.onExit().isDone()) {
            process.kill();
        }
        try {
            CodeStage.link(node.config().codeDirectory().apply(version.spec().codeSha256()), cell.stageDir());
            channel.send(new Frame.Specialize(node.command().environment(version, instanceId)));
        } catch (IOException e) {
            // said at once and why, rather than left to the exit grace and reported as an exit
            kill("its code could not be handed to the stem cell: " + e.getMessage());
            throw e;
        }
    }

    private Sandbox.LaunchSpec spec(Path runDir) {
        var spec = version.spec();
        List<String> command = node.command().command(version);
        if (node.command().functionCache(command).isPresent()) {
            mode = ColdStart.Mode.AOT;
        }
        return new Sandbox.LaunchSpec(instanceId, command, node.command().environment(version, instanceId),
                node.config().codeDirectory().apply(spec.codeSha256()), runDir, node.command().readOnlyPaths(version),
                spec.memoryMb(), spec.network());
    }

    private void readFrames() throws IOException {
        for (Optional<Frame> f = channel.receive(); f.isPresent(); f = channel.receive()) {
            handle(f.get());
        }
    }

    private void handle(Frame frame) throws IOException {
        switch (frame) {
            case Frame.Hello h -> onHello(h);
            case Frame.Ready r -> onReady(r);
            case Frame.InitFailed f -> onInitFailed(f);
            case Frame.Result r -> onResult(r);
            case Frame.Log l -> node.logs().workerLog(version, instanceId, pending(l.invocationId()), l);
            case Frame.Call c -> onCall(c);
            case Frame.CallResult r -> throw new dev.gust.protocol.ProtocolException("a worker must not send CallResult");
            case Frame.Invoke i -> throw new dev.gust.protocol.ProtocolException("a worker must not send Invoke");
            case Frame.Shutdown s -> throw new dev.gust.protocol.ProtocolException("a worker must not send Shutdown");
            case Frame.Specialize s -> throw new dev.gust.protocol.ProtocolException("a worker must not send Specialize");
        }
    }

    private void onHello(Frame.Hello h) throws IOException {
        if (!h.instanceId().equals(instanceId)) {
            throw new dev.gust.protocol.ProtocolException("instance " + instanceId + " was greeted as '"
                    + h.instanceId() + "'");
        }
        if (pipes == null || jvmNanos != 0) {
            throw new dev.gust.protocol.ProtocolException("instance " + instanceId + " said Hello twice");
        }
        pipes.connected();
        // the node's monotonic clock, not the worker's start instant: that comes from /proc and is only
        // as precise as the boot time's whole seconds
        jvmNanos = node.ticker().getAsLong() - createdNanos - spawnNanos;
    }

    private void onReady(Frame.Ready r) {
        long total = node.ticker().getAsLong() - createdNanos;
        Duration classLoad = Duration.ofNanos(r.classLoadMicros() * 1000);
        Duration init = Duration.ofNanos(r.initMicros() * 1000);
        Duration handOver = mode == ColdStart.Mode.STEM_CELL
                ? Duration.ofNanos(Math.max(0, total - classLoad.toNanos() - init.toNanos())) : Duration.ZERO;
        timings = new StartTimings(mode, Duration.ofNanos(spawnNanos), Duration.ofNanos(jvmNanos), handOver,
                classLoad, init, Duration.ofNanos(total));
        events.ready();
        ready.complete(Optional.empty());
    }

    /** The worker exits after InitFailed: it must take nothing more before anyone hears of it. */
    private void onInitFailed(Frame.InitFailed f) {
        retire("its handler failed to initialise");
        ready.complete(Optional.of(Outcomes.initFailed(f.error())));
    }

    /** Likewise after reporting OutOfMemory: the worker's heap is spent and it exits. */
    private void onResult(Frame.Result r) {
        Outcome outcome = Outcomes.of(r);
        if (outcome instanceof Outcome.Failure f && f.kind() == ErrorKind.OUT_OF_MEMORY) {
            retire("it ran out of memory");
        }
        pending(r.invocationId()).ifPresent(p -> p.complete(outcome, node.ticker().getAsLong()));
    }

    /**
     * A call belongs to an invocation running here, or it is refused (a late call, or a worker
     * naming someone else's invocation) without disturbing anything. Served off the reader thread:
     * a call may wait for a whole other invocation.
     */
    private void onCall(Frame.Call c) {
        Optional<Pending> caller = pending(c.invocationId());
        if (caller.isEmpty()) {
            send(Frame.CallResult.failure(c.callId(), "InvalidCall", c.operation() + ": invocation '"
                    + c.invocationId() + "' is not running on instance " + instanceId
                    + "; a call must come from a running invocation"));
            return;
        }
        Thread.ofVirtual().name("gust-call-" + instanceId + "-" + c.callId()).start(() -> send(serve(caller.get(), c)));
    }

    private Frame.CallResult serve(Pending p, Frame.Call c) {
        var r = p.request;
        var caller = new CallHandler.Caller(r.id(), r.function(), version.version(), r.trace(), r.correlationId());
        try {
            return switch (node.config().callHandler().handle(caller, c.operation(), c.payload())) {
                case CallHandler.Reply.Ok ok -> Frame.CallResult.success(c.callId(), ok.payload());
                case CallHandler.Reply.Failed f -> Frame.CallResult.failure(c.callId(), f.errorType(), f.message());
            };
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "call " + c.operation()
                    + " of invocation " + r.id() + " failed", e);
            return Frame.CallResult.failure(c.callId(), "Unhandled", c.operation()
                    + ": the node could not complete the call; see its log");
        }
    }

    private void retire(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
        events.stopping();
    }

    private void raw(String stream, String line) {
        node.logs().rawLine(version, instanceId, soleRunning(), stream, line);
    }

    /** Output of the process itself belongs to an invocation only when exactly one runs. */
    private Optional<Pending> soleRunning() {
        var all = List.copyOf(running.values());
        return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
    }

    private Optional<Pending> pending(String invocationId) {
        return invocationId.isEmpty() ? Optional.empty() : Optional.ofNullable(running.get(invocationId));
    }

    /**
     * Waits (bounded by the start timeout, which kills a worker that is not ready in time) for the
     * handler to be ready; restores the interrupt flag if interrupted meanwhile.
     *
     * @return the reason it will never be, or empty when it is ready
     */
    Optional<Outcome.Failure> awaitReady() {
        return Outcomes.awaitUninterruptibly(ready, START_TIMEOUT.plus(EXIT_GRACE).multipliedBy(2))
                .orElseGet(() -> Optional.of(Outcome.Failure.of(ErrorKind.INIT_ERROR,
                        "instance " + instanceId + " did not become ready")));
    }

    /** @return the process, once launched */
    Optional<SandboxedProcess> process() {
        return Optional.ofNullable(process);
    }

    /** @return the start breakdown, once ready */
    Optional<StartTimings> timings() {
        return Optional.ofNullable(timings);
    }

    /** The outcome of one invocation and how long the handler ran. */
    record Ran(Outcome outcome, long runNanos) {
    }

    /**
     * Runs one invocation on this worker and blocks until its outcome: the worker's result, the
     * function's timeout (which kills the whole instance) or the instance's death.
     *
     * @throws IllegalArgumentException when an invocation with the same id runs here already
     */
    Ran invoke(InvocationRequest request) {
        var p = new Pending(request, version, instanceId);
        if (running.putIfAbsent(request.id(), p) != null) {
            throw new IllegalArgumentException("id: invocation " + request.id() + " is already running");
        }
        try {
            return run(p);
        } finally {
            running.remove(request.id());
        }
    }

    private Ran run(Pending p) {
        Duration timeout = version.spec().timeout();
        p.sent(node.ticker().getAsLong());
        var exit = finalExit.get();
        if (exit != null) {
            p.complete(crashOutcome(exit), node.ticker().getAsLong());
            return new Ran(p.await(Duration.ZERO).orElseThrow(), 0);
        }
        ScheduledFuture<?> deadline = node.scheduler().schedule(() -> timedOut(p, timeout), timeout.toNanos(),
                TimeUnit.NANOSECONDS);
        send(invokeFrame(p.request, timeout));
        Outcome outcome = p.await(timeout.plus(EXIT_GRACE).plus(EXIT_GRACE)).orElseGet(() -> lost(p));
        deadline.cancel(false);
        return new Ran(outcome, p.runNanos());
    }

    private static Frame.Invoke invokeFrame(InvocationRequest r, Duration timeout) {
        return new Frame.Invoke(r.id(), timeout.toMillis(), r.trace().traceparent(), r.correlationId(), r.payload());
    }

    private void send(Frame frame) {
        try {
            channel.send(frame);
        } catch (IOException e) {
            // the connection is gone: the reader sees it too and fails what runs here
        }
    }

    /** A worker that neither answered nor died within timeout plus grace is beyond saving. */
    private Outcome lost(Pending p) {
        kill("it did not answer invocation " + p.request.id() + " after its timeout");
        p.complete(Outcome.Failure.of(ErrorKind.CRASHED, "instance " + instanceId + " stopped answering"),
                node.ticker().getAsLong());
        return p.await(Duration.ZERO).orElseThrow();
    }

    private void timedOut(Pending p, Duration timeout) {
        var failure = Outcome.Failure.of(ErrorKind.TIMEOUT, "invocation " + p.request.id() + " ran past the timeout of "
                + timeout.toMillis() + " ms; its instance was stopped");
        if (p.isDone()) {
            return;
        }
        // stop taking work before the caller hears of the timeout, or it could be handed this instance again
        String reason = "invocation " + p.request.id() + " on it timed out after " + timeout.toMillis() + " ms";
        retire(reason);
        p.complete(failure, node.ticker().getAsLong());
        kill(reason);
    }

    private void startTimedOut() {
        if (!ready.isDone()) {
            kill("it was not ready within " + START_TIMEOUT.toSeconds() + " s");
        }
    }

    /**
     * Kills the process and everything in its sandbox at once. Idempotent.
     *
     * @param reason why, for the invocations it fails (e.g. "invocation X on it timed out")
     */
    void kill(String reason) {
        retire(reason);
        var p = process;
        if (p != null) {
            p.kill();
        }
    }

    /** Asks the worker to finish what it runs and exit; kills it if it has not after a grace period. */
    void shutdown() {
        var c = channel;
        if (c == null) {
            kill("the node stopped it before it was ready");
            return;
        }
        send(new Frame.Shutdown());
        node.scheduler().schedule(() -> {
            if (!exited.isDone()) {
                kill("it did not exit within " + EXIT_GRACE.toSeconds() + " s of being asked to");
            }
        }, EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return completes when the process has ended and every invocation on it has its outcome */
    CompletableFuture<SandboxedProcess.Exit> exited() {
        return exited;
    }

    private void connectionLost(Exception cause) {
        SandboxedProcess.Exit exit = awaitExit();
        awaitDrains();
        terminate(exit, cause);
    }

    private SandboxedProcess.Exit awaitExit() {
        var p = process;
        if (p == null) {
            return new SandboxedProcess.Exit(-1, false);
        }
        var exit = Outcomes.awaitUninterruptibly(p.onExit(), EXIT_GRACE);
        if (exit.isPresent()) {
            return exit.get();
        }
        p.kill();
        return Outcomes.awaitUninterruptibly(p.onExit(), EXIT_GRACE).orElse(new SandboxedProcess.Exit(-1, false));
    }

    /** The last lines of output explain an early death; give the drains a moment to read them. */
    private void awaitDrains() {
        var all = CompletableFuture.allOf(drains.stream().map(OutputDrain::finished).toArray(CompletableFuture[]::new));
        Outcomes.awaitUninterruptibly(all, Duration.ofSeconds(2));
    }

    private void terminate(SandboxedProcess.Exit exit, Exception cause) {
        if (!finalExit.compareAndSet(null, exit)) {
            return;
        }
        closeQuietly(channel);
        // stopped first, so that nobody woken below can be handed this instance again
        events.stopped();
        ready.complete(Optional.of(Outcome.Failure.of(ErrorKind.INIT_ERROR, earlyExit(exit, cause))));
        long now = node.ticker().getAsLong();
        running.values().forEach(p -> p.complete(crashOutcome(exit), now));
        exited.complete(exit);
    }

    private String earlyExit(SandboxedProcess.Exit exit, Exception cause) {
        var why = new StringBuilder("instance " + instanceId + " of " + version.key());
        if (stopReason != null) {
            why.append(" was stopped before it was ready: ").append(stopReason);
        } else if (process == null) {
            why.append(" could not be launched: ").append(cause == null ? "unknown" : cause.getMessage());
        } else {
            why.append(" exited with status ").append(exit.status()).append(" before it was ready");
        }
        List<String> tail = drains.stream().flatMap(d -> d.tail().stream()).toList();
        if (!tail.isEmpty()) {
            why.append("; its last output: ").append(String.join(" | ", tail));
        }
        return why.toString();
    }

    private Outcome.Failure crashOutcome(SandboxedProcess.Exit exit) {
        if (exit.oomKilled() || exit.status() == Outcomes.WORKER_OUT_OF_MEMORY_STATUS) {
            return Outcome.Failure.of(ErrorKind.OUT_OF_MEMORY, "instance " + instanceId + " ran out of memory (limit "
                    + version.spec().memoryMb() + " MB)");
        }
        if (stopReason != null) {
            return Outcome.Failure.of(ErrorKind.CRASHED, "instance " + instanceId + " was stopped because " + stopReason);
        }
        return Outcome.Failure.of(ErrorKind.CRASHED, "instance " + instanceId + " " + Outcomes.describe(exit)
                + " while running the invocation");
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // closing is best effort; the peer is gone already
            }
        }
    }
}
