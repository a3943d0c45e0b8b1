package dev.gust.runtime;

import dev.gust.common.Ids;
import dev.gust.store.FunctionSpec;
import dev.gust.store.FunctionVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Per-function AOT caches (JDK 24+ AOT cache, or a dynamic CDS archive on JDK 21-23) in
 * {@code <data>/aot/<key>.aot}: trained in the background after a deploy by a real, sandboxed run of the
 * function ({@link TrainingRun}), then mapped by every later instance of it. A cache is named after
 * everything it depends on (JDK, worker jars, JVM flags of the memory class, code, handler, sample event),
 * so a file made for anything else is never passed to a JVM. A training that fails leaves the function
 * on plain starts.
 *
 * <p>Threads: {@link #cacheFor} from any thread; trainings run one at a time on one daemon thread; a
 * newer version of a function queued for training supersedes an older one still waiting.
 */
final class AotCaches implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AotCaches.class.getName());

    private final boolean enabled;
    private final Jdk jdk;
    private final Path dir;
    private final String workerKey;
    private final ConcurrentMap<String, Queued> queued = new ConcurrentHashMap<>();
    private final Set<String> failedKeys = ConcurrentHashMap.newKeySet();
    private final ExecutorService trainer;
    private volatile TrainingRun running;
    private volatile boolean closed;

    private AotCaches(RuntimeConfig config, boolean enabled, Jdk jdk) {
        this.enabled = enabled && jdk.aotKind() != Jdk.AotKind.NONE;
        this.jdk = jdk;
        this.dir = config.dataDir().toAbsolutePath().normalize().resolve("aot");
        this.workerKey = ClassDataArchive.key(config);
        this.trainer = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("gust-aot-training").unstarted(r));
    }

    /** @return the caches of {@code config}'s node, on when {@link RuntimeConfig#aotCaches()} says so */
    static AotCaches create(RuntimeConfig config) {
        Jdk jdk;
        try {
            jdk = Jdk.of(config.javaCommand());
        } catch (RuntimeSetupException e) {
            LOG.log(System.Logger.Level.WARNING, "AOT caches are off: " + e.getMessage());
            return disabled(config);
        }
        return new AotCaches(config, config.aotCaches(), jdk);
    }

    /** @return caches for the workers' JDK {@code jdk} (tests pretend another JDK with it) */
    static AotCaches create(RuntimeConfig config, Jdk jdk) {
        return new AotCaches(config, true, jdk);
    }

    /** @return caches that never train and never map anything, for a JDK whose version is unknown */
    static AotCaches disabled(RuntimeConfig config) {
        return new AotCaches(config, false, new Jdk(WorkerCommand.javaHome(config.javaCommand()), "0", 0));
    }

    Jdk jdk() {
        return jdk;
    }

    /**
     * @return the cache of {@code version}, when one was made for exactly this JDK, worker and version; a
     *     launch that uses it runs with its path in its command line (see {@link #usedBy})
     */
    Optional<Path> cacheFor(FunctionVersion version) {
        if (!enabled) {
            return Optional.empty();
        }
        Path file = fileFor(version);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Optional.of(file) : Optional.empty();
    }

    /** @return the function cache a worker's command line maps, if any: whether its start is AOT or plain */
    Optional<Path> usedBy(List<String> command) {
        return command.stream()
                .filter(a -> a.startsWith("-XX:AOTCache=") || a.startsWith("-XX:SharedArchiveFile="))
                .map(a -> Path.of(a.substring(a.indexOf('=') + 1)))
                .filter(p -> p.startsWith(dir))
                .findFirst();
    }

    /** @return where the cache of {@code version} is, or would be */
    Path fileFor(FunctionVersion version) {
        return dir.resolve(key(version) + jdk.extension());
    }

    /** @return whether the training for {@code version}'s cache failed (it is not tried again by this node) */
    /** @return off, training, ready or failed: see {@link Invoker#aotCache} */
    String state(FunctionVersion version) {
        if (!enabled) {
            return "off";
        }
        if (cacheFor(version).isPresent()) {
            return "ready";
        }
        return hasFailed(version) ? "failed" : "training";
    }

    boolean hasFailed(FunctionVersion version) {
        return failedKeys.contains(key(version));
    }

    /** Names a cache after everything it depends on; any change makes another name. */
    String key(FunctionVersion version) {
        FunctionSpec spec = version.spec();
        var facts = String.join("\n", jdk.home().toString(), jdk.version(), jdk.aotKind().name(), workerKey,
                String.join(" ", WorkerCommand.heapFlags(spec.memoryMb())), spec.codeSha256(), spec.handler(),
                spec.sampleEvent().map(e -> "event:" + e).orElse("no event"));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(facts.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /** A version waiting for training and who waits for its cache. */
    private record Queued(FunctionVersion version, CompletableFuture<Optional<Path>> done) {
    }

    /**
     * Queues a training of {@code version}'s cache unless it has one; returns at once. A newer version of
     * the same function queued before this one runs supersedes it.
     *
     * @param node the node whose sandbox runs the training
     * @return completes with the cache, or empty when there is none (failed, superseded, switched off)
     */
    CompletableFuture<Optional<Path>> trainInBackground(FunctionVersion version, Node node) {
        if (!enabled || closed || cacheFor(version).isPresent() || hasFailed(version)) {
            return CompletableFuture.completedFuture(cacheFor(version));
        }
        var mine = new Queued(version, new CompletableFuture<>());
        var kept = queued.merge(version.name(), mine, (old, nw) -> newer(old, nw));
        if (kept != mine) {
            mine.done().complete(Optional.empty());
            return mine.done();
        }
        trainer.execute(() -> trainNext(version.name(), node));
        return mine.done();
    }

    private static Queued newer(Queued old, Queued nw) {
        if (nw.version().version() < old.version().version()) {
            return old;
        }
        old.done().complete(Optional.empty());
        return nw;
    }

    private void trainNext(String function, Node node) {
        Queued next = queued.remove(function);
        if (next == null) {
            return;
        }
        try {
            next.done().complete(closed ? Optional.empty() : train(next.version(), node));
        } catch (RuntimeException e) {
            next.done().complete(failed(next.version(), e.toString()));
        }
    }

    private Optional<Path> train(FunctionVersion version, Node node) {
        Path target = fileFor(version);
        if (cacheFor(version).isPresent() || hasFailed(version)) {
            return cacheFor(version);
        }
        Path work = dir.resolve("training").resolve(Ids.randomHex(6));
        try {
            Files.createDirectories(work);
            var run = new TrainingRun(node, version, jdk, work, "t-" + work.getFileName());
            running = run;
            Path made = run.run();
            Files.move(made, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(target);
        } catch (TrainingRun.TrainingFailed e) {
            return failed(version, e.getMessage());
        } catch (IOException e) {
            return failed(version, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            running = null;
            LaunchedProcess.deleteTree(work);
        }
    }

    private Optional<Path> failed(FunctionVersion version, String why) {
        if (failedKeys.add(key(version)) && !closed) {
            LOG.log(System.Logger.Level.WARNING, "AOT cache of " + version.key() + " not made; its instances start"
                    + " without one: " + why);
        }
        return Optional.empty();
    }

    /** Stops training: kills a running training, drops the queued ones. Idempotent. */
    @Override
    public void close() {
        closed = true;
        queued.values().forEach(q -> q.done().complete(Optional.empty()));
        queued.clear();
        trainer.shutdownNow();
        var r = running;
        if (r != null) {
            r.kill();
        }
    }
}
