package dev.gust.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.common.Ids;
import dev.gust.common.TraceContext;
import dev.gust.runtime.fixtures.Misbehave;
import dev.gust.store.FunctionSpec;
import dev.gust.store.FunctionVersion;
import dev.gust.store.LogLine;
import dev.gust.testing.InMemoryStore;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A node's runtime for tests: a real invoker with real worker processes in the chosen sandbox, an
 * in-memory store, the test classes as every function's code, and a record of every lifecycle
 * transition its instances made.
 */
final class RuntimeFixture implements AutoCloseable {
    final Path dataDir;
    final InMemoryStore store;
    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    final Set<Lifecycle.Transition> transitions = ConcurrentHashMap.newKeySet();
    final DefaultInvoker invoker;

    private RuntimeFixture(Builder b) throws IOException {
        dataDir = Files.createDirectories(
                Path.of("target", "runtime-tests", UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath());
        store = new InMemoryStore(b.clock);
        var config = RuntimeConfig.builder()
                .dataDir(dataDir)
                .sandbox(b.mode)
                .memoryBudgetMb(b.memoryBudgetMb)
                .keepAlive(b.keepAlive)
                .throttleWait(b.throttleWait)
                .logCapBytes(b.logCapBytes)
                .workerJvmOptions(b.workerJvmOptions)
                .workerClasspath(WorkerClasspath.fromCurrentProcess())
                .codeDirectory(b.codeDirectory)
                .aotCaches(b.aotCaches)
                .store(store)
                .clock(b.clock)
                .scheduler(scheduler)
                .callHandler(b.callHandler)
                .stemCellsMax(b.stemCellsMax)
                .stemCellShare(b.stemCellShare)
                .keepAlivePolicy(b.keepAlivePolicy)
                .build();
        invoker = new DefaultInvoker(config, Sandboxes.select(b.mode, dataDir), System::nanoTime, transitions::add);
    }

    static Builder builder(RuntimeConfig.SandboxMode mode) {
        return new Builder(mode);
    }

    static final class Builder {
        private final RuntimeConfig.SandboxMode mode;
        private long memoryBudgetMb = 4096;
        private Duration keepAlive = Duration.ofMinutes(10);
        private Duration throttleWait = Duration.ofSeconds(60);
        private long logCapBytes = 1024 * 1024;
        private InstantSource clock = InstantSource.system();
        private List<String> workerJvmOptions = List.of();
        private CallHandler callHandler = CallHandler.refusing();
        private int stemCellsMax;
        private double stemCellShare = 0.25;
        private RuntimeConfig.KeepAlivePolicy keepAlivePolicy = RuntimeConfig.KeepAlivePolicy.FIXED;
        private boolean aotCaches = false;
        private java.util.function.Function<String, Path> codeDirectory = sha -> codeDir();

        private Builder(RuntimeConfig.SandboxMode mode) {
            this.mode = mode;
        }

        Builder memoryBudgetMb(long v) { memoryBudgetMb = v; return this; }
        Builder keepAlive(Duration v) { keepAlive = v; return this; }
        Builder throttleWait(Duration v) { throttleWait = v; return this; }
        Builder logCapBytes(long v) { logCapBytes = v; return this; }
        Builder clock(InstantSource v) { clock = v; return this; }
        Builder workerJvmOptions(List<String> v) { workerJvmOptions = v; return this; }
        Builder callHandler(CallHandler v) { callHandler = v; return this; }
        Builder stemCells(int max, double share) { stemCellsMax = max; stemCellShare = share; return this; }
        Builder keepAlivePolicy(RuntimeConfig.KeepAlivePolicy v) { keepAlivePolicy = v; return this; }
        Builder aotCaches(boolean v) { aotCaches = v; return this; }
        Builder codeDirectory(java.util.function.Function<String, Path> v) { codeDirectory = v; return this; }

        RuntimeFixture start() throws IOException {
            return new RuntimeFixture(this);
        }
    }

    /** The compiled test classes, where the fixtures live. */
    static Path codeDir() {
        try {
            return Path.of(Misbehave.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param handler e.g. {@code Misbehave.class.getName()}
     * @param concurrency min, max, perInstance
     */
    static FunctionVersion version(String name, int version, String handler, int memoryMb, Duration timeout,
            FunctionSpec.Concurrency concurrency) {
        var spec = new FunctionSpec(name, "java21", handler, "sha-of-test-classes", memoryMb, timeout, concurrency,
                Map.of("GREETING", "hello"), true, List.of(), FunctionSpec.Async.DEFAULT);
        return new FunctionVersion("tests", version, spec, Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** A Misbehave function: 256 MB, 3 s timeout, max 4, one invocation per instance. */
    static FunctionVersion misbehave(String name) {
        return version(name, 1, Misbehave.class.getName(), 256, Duration.ofSeconds(3), new FunctionSpec.Concurrency(0, 4, 1));
    }

    FunctionVersion activate(FunctionVersion v) {
        invoker.activate(v);
        return v;
    }

    Invocation invoke(String function, String json) {
        return invoker.invoke(request(function, json));
    }

    static InvocationRequest request(String function, String json) {
        return new InvocationRequest(Ids.randomHex(8), function, json.getBytes(StandardCharsets.UTF_8), "api",
                TraceContext.newRoot().child(), "corr-" + Ids.randomHex(4));
    }

    List<LogLine> logs(String function, String invocationId) {
        return store.read(function, Optional.of(invocationId), Optional.empty(), 10_000);
    }

    static String text(Invocation inv) {
        return switch (inv.outcome()) {
            case Outcome.Success s -> new String(s.payload(), StandardCharsets.UTF_8);
            case Outcome.Failure f -> f.kind() + " " + f.errorType() + ": " + f.message();
        };
    }

    static void assertSucceeded(Invocation inv) {
        assertThat(inv.outcome()).as(text(inv)).isInstanceOf(Outcome.Success.class);
    }

    static Outcome.Failure failure(Invocation inv) {
        assertThat(inv.outcome()).as(text(inv)).isInstanceOf(Outcome.Failure.class);
        return (Outcome.Failure) inv.outcome();
    }

    @Override
    public void close() throws IOException {
        invoker.shutdown(Duration.ofSeconds(5));
        scheduler.shutdownNow();
        LaunchedProcess.deleteTree(dataDir);
    }
}
