package dev.gust.runtime;

import dev.gust.common.TraceContext;
import dev.gust.protocol.Frame;
import dev.gust.protocol.FrameChannel;
import dev.gust.store.FunctionVersion;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One training run of a function's AOT cache: a real worker of the function in the node's sandbox,
 * started with the JVM options that record (and, on JDK 25, write) the cache, driven through its start,
 * one invocation with the function's sample event (when it has one) and a clean shutdown. The cache is
 * written to a work directory shown writable to the sandbox. What the run prints stays out of the
 * function's logs; its last lines explain a failure. Used by one thread; {@link #kill} from any.
 */
final class TrainingRun {
    /** The longest a whole training run (start, sample invocation, exit and cache assembly) may take. */
    static final Duration BOUND = Duration.ofSeconds(120);
    /**
     * On JDK 25 the training JVM forks a second JVM with the same flags to assemble the cache and waits for
     * it: both count against the memory limit, so training gets twice the function's.
     */
    static final int MEMORY_FACTOR = 2;
    private static final String INVOCATION_ID = "aot-training";

    /** Why no cache was made. */
    static final class TrainingFailed extends Exception {
        TrainingFailed(String message) {
            super(message);
        }
    }

    private final Node node;
    private final FunctionVersion version;
    private final Jdk jdk;
    private final Path work;
    private final String instanceId;
    private final List<OutputDrain> drains = new ArrayList<>();
    private volatile SandboxedProcess process;
    private volatile String killedBecause;

    /**
     * @param work an empty directory for the cache, shown writable to the sandbox
     * @param instanceId the id of the training's sandbox (names its cgroup and run directory)
     */
    TrainingRun(Node node, FunctionVersion version, Jdk jdk, Path work, String instanceId) {
        this.node = node;
        this.version = version;
        this.jdk = jdk;
        this.work = work;
        this.instanceId = instanceId;
    }

    /**
     * Runs the training; blocks up to about {@link #BOUND} per step.
     *
     * @return the cache file made, in the work directory
     * @throws TrainingFailed saying why no cache was made
     */
    Path run() throws IOException, InterruptedException, TrainingFailed {
        Path cache = work.resolve("cache" + jdk.extension());
        switch (jdk.aotKind()) {
            case ONE_STEP -> drive(List.of("-XX:AOTCacheOutput=" + cache));
            case DYNAMIC_ARCHIVE -> drive(List.of("-XX:ArchiveClassesAtExit=" + cache));
            case TWO_STEP -> {
                Path config = work.resolve("cache.aotconf");
                drive(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + config));
                assemble(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + config, "-XX:AOTCache=" + cache));
            }
            case NONE -> throw new TrainingFailed("JDK " + jdk.version() + " cannot make AOT caches");
        }
        // the function's code could have left a link in the cache's place: only a plain file is taken
        if (!Files.isRegularFile(cache, LinkOption.NOFOLLOW_LINKS) || Files.size(cache) == 0) {
            throw failure("the JVM exited cleanly but wrote no cache");
        }
        return cache;
    }

    /** Kills the training's sandbox; {@link #run} then fails. Idempotent. */
    void kill() {
        kill("the node stopped it");
    }

    private void kill(String why) {
        killedBecause = why;
        var p = process;
        if (p != null) {
            p.kill();
        }
    }

    /** Starts a worker with {@code flags}, takes it through a start and the sample invocation, and awaits its exit. */
    private void drive(List<String> flags) throws IOException, InterruptedException, TrainingFailed {
        Path runDir = Sandboxes.createRunDir(node.config().dataDir(), instanceId);
        try (WorkerPipes pipes = WorkerPipes.create(runDir)) {
            var p = launch(runDir, flags);
            p.onExit().whenComplete((exit, x) -> closeQuietly(pipes));
            ScheduledFuture<?> guard = guard();
            try {
                converse(pipes);
                awaitCleanExit(p);
            } finally {
                guard.cancel(false);
                stop(p);
            }
        }
    }

    /** A run that failed half-way is killed, and its end awaited, before its work directory goes. */
    private static void stop(SandboxedProcess p) {
        if (!p.onExit().isDone()) {
            p.kill();
            Outcomes.awaitUninterruptibly(p.onExit(), Duration.ofSeconds(10));
        }
    }

    /** JDK 24's second step: a JVM that writes the cache from the recorded configuration and exits. */
    private void assemble(List<String> flags) throws IOException, InterruptedException, TrainingFailed {
        Path runDir = Sandboxes.createRunDir(node.config().dataDir(), instanceId);
        var p = launch(runDir, flags);
        ScheduledFuture<?> guard = guard();
        try {
            awaitCleanExit(p);
        } finally {
            guard.cancel(false);
            stop(p);
        }
    }

    private SandboxedProcess launch(Path runDir, List<String> flags) throws IOException {
        var spec = version.spec();
        var command = node.command();
        var launch = new Sandbox.LaunchSpec(instanceId, command.trainingCommand(version, flags),
                command.environment(version, instanceId), node.config().codeDirectory().apply(spec.codeSha256()),
                runDir, command.readOnlyPaths(), spec.memoryMb() * MEMORY_FACTOR, spec.network(), Optional.of(work));
        try {
            process = node.sandbox().launch(launch);
        } catch (IOException | RuntimeException e) {
            LaunchedProcess.deleteTree(runDir);
            throw e;
        }
        drains.clear();
        // the training's output is its own: kept only to explain a failure, never in the function's logs
        drains.add(OutputDrain.start(instanceId + "-stdout", process.stdout(), line -> { }));
        drains.add(OutputDrain.start(instanceId + "-stderr", process.stderr(), line -> { }));
        if (killedBecause != null) {
            process.kill();
        }
        return process;
    }

    private ScheduledFuture<?> guard() {
        return node.scheduler().schedule(() -> kill("it took longer than " + BOUND.toSeconds() + " s"),
                BOUND.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void converse(WorkerPipes pipes) throws IOException, TrainingFailed {
        try (FrameChannel channel = pipes.channel()) {
            expectHello(receive(channel));
            pipes.connected();
            switch (receive(channel)) {
                case Frame.Ready r -> { }
                case Frame.InitFailed f -> throw failure("its handler failed to initialise: " + describe(f.error()));
                case Frame other -> throw failure("it sent " + other.getClass().getSimpleName() + " instead of Ready");
            }
            Optional<String> event = version.spec().sampleEvent();
            if (event.isPresent()) {
                invokeSample(channel, event.get());
            }
            channel.send(new Frame.Shutdown());
            while (channel.receive().isPresent()) {
                // whatever it says while shutting down is of no interest
            }
        } catch (IOException e) {
            throw failure("its connection failed: " + e.getMessage());
        }
    }

    private void expectHello(Frame frame) throws TrainingFailed {
        if (!(frame instanceof Frame.Hello h) || !h.instanceId().equals(instanceId)) {
            throw failure("it did not greet as " + instanceId);
        }
    }

    private void invokeSample(FrameChannel channel, String event) throws IOException, TrainingFailed {
        channel.send(new Frame.Invoke(INVOCATION_ID, version.spec().timeout().toMillis(),
                TraceContext.newRoot().traceparent(), INVOCATION_ID, event.getBytes(StandardCharsets.UTF_8)));
        for (Frame f = receive(channel); ; f = receive(channel)) {
            switch (f) {
                case Frame.Result r when r.ok() -> {
                    return;
                }
                case Frame.Result r -> throw failure("the sample event failed: " + describe(r.error()));
                case Frame.Call c -> channel.send(Frame.CallResult.failure(c.callId(), "Unavailable",
                        c.operation() + ": the platform is not reachable while an AOT cache is trained"));
                default -> {
                    // its log lines belong to no invocation of a user's
                }
            }
        }
    }

    private Frame receive(FrameChannel channel) throws IOException, TrainingFailed {
        return channel.receive().orElseThrow(() -> failure("it closed its connection"));
    }

    private void awaitCleanExit(SandboxedProcess p) throws InterruptedException, TrainingFailed {
        SandboxedProcess.Exit exit;
        try {
            exit = p.onExit().get(BOUND.toSeconds() + 10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            p.kill();
            throw failure("it did not exit");
        } catch (ExecutionException e) {
            throw failure("its end could not be observed: " + e.getCause());
        } catch (InterruptedException e) {
            p.kill();
            throw e;
        }
        awaitDrains();
        if (exit.status() != 0) {
            throw failure("it exited with status " + exit.status() + (exit.oomKilled() ? " (out of memory)" : ""));
        }
    }

    private void awaitDrains() {
        var all = java.util.concurrent.CompletableFuture.allOf(
                drains.stream().map(OutputDrain::finished).toArray(java.util.concurrent.CompletableFuture[]::new));
        Outcomes.awaitUninterruptibly(all, Duration.ofSeconds(2));
    }

    private TrainingFailed failure(String what) {
        var why = new StringBuilder("training run " + instanceId + " of " + version.key() + ": " + what);
        if (killedBecause != null) {
            why.append(" (it was stopped because ").append(killedBecause).append(')');
        }
        List<String> tail = drains.stream().flatMap(d -> d.tail().stream()).toList();
        if (!tail.isEmpty()) {
            why.append("; its last output: ").append(String.join(" | ", tail));
        }
        return new TrainingFailed(why.toString());
    }

    private static String describe(Frame.ErrorInfo error) {
        return error == null ? "no detail" : error.errorType() + ": " + error.message();
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // best effort: the process is gone
        }
    }
}
