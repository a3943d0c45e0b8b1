package dev.gust.runtime;

import static dev.gust.runtime.RuntimeFixture.assertSucceeded;
import static dev.gust.runtime.RuntimeFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gust.runtime.fixtures.Misbehave;
import dev.gust.store.FunctionSpec;
import dev.gust.store.FunctionVersion;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training runs with real sandboxed workers, and the instances that start from their caches. */
class AotTrainingTest {
    /** examples/hello-java, built before this module (a test dependency). */
    static final Path HELLO_JAR = Path.of("../examples/hello-java/target/hello-java.jar").toAbsolutePath().normalize();
    static final String HELLO_EVENT = """
            {"version":"2.0","routeKey":"GET /hello","rawPath":"/hello","rawQueryString":"name=Ada",
             "queryStringParameters":{"name":"Ada"},"headers":{"host":"localhost"},
             "requestContext":{"http":{"method":"GET","path":"/hello"},"requestId":"r1"},"isBase64Encoded":false}""";
    private static final Duration TRAINING = Duration.ofSeconds(150);

    @TempDir
    Path code;

    private static FunctionVersion version(String name, String handler, String sha, Optional<String> event) {
        var spec = new FunctionSpec(name, "java21", handler, sha, 256, Duration.ofSeconds(10),
                new FunctionSpec.Concurrency(0, 2, 1), Map.of(), true, List.of(), FunctionSpec.Async.DEFAULT, event);
        return new FunctionVersion("tests", 1, spec, Instant.parse("2026-01-01T00:00:00Z"));
    }

    private RuntimeFixture node(RuntimeConfig.SandboxMode mode) throws IOException {
        Files.copy(HELLO_JAR, code.resolve("hello-java.jar"));
        return RuntimeFixture.builder(mode).aotCaches(true)
                .codeDirectory(sha -> sha.equals("hello") ? code : RuntimeFixture.codeDir()).start();
    }

    private static FunctionVersion hello() {
        return version("hello", "dev.gust.examples.hello.Hello", "hello", Optional.of(HELLO_EVENT));
    }

    @Test
    void activate_trainsHelloInTheSandbox_withoutWaiting_andKeepsTheTrainingOutOfItsLogs() throws Exception {
        try (var node = node(RuntimeConfig.SandboxMode.AUTO)) {
            var caches = node.invoker.aotCaches();
            long before = System.nanoTime();
            node.activate(hello());
            long activateNanos = System.nanoTime() - before;

            assertThat(caches.cacheFor(hello())).as("activate does not wait for the training").isEmpty();
            assertThat(node.invoker.aotCache(hello())).isEqualTo("training");
            assertThat(Duration.ofNanos(activateNanos)).isLessThan(Duration.ofSeconds(5));
            await().atMost(TRAINING).until(() -> caches.cacheFor(hello()).isPresent() || caches.hasFailed(hello()));
            assertThat(caches.cacheFor(hello())).isPresent();
            assertThat(caches.cacheFor(hello()).get()).hasParent(node.dataDir.resolve("aot"));
            assertThat(node.invoker.aotCache(hello())).isEqualTo("ready");
            assertThat(node.dataDir.resolve("aot/training")).isEmptyDirectory();
            assertThat(node.store.read("hello", Optional.empty(), Optional.empty(), 10_000))
                    .as("nothing the training printed reaches the function's logs").isEmpty();

            var inv = node.invoke("hello", "{\"name\":\"Grace\"}");

            assertSucceeded(inv);
            assertThat(commandLine(node, "hello")).contains("-XX:AOTCache=" + caches.cacheFor(hello()).get());
        }
    }

    @Test
    void instance_startsFromTheTrainedCache_andServes() throws Exception {
        List<Long> plain = coldStarts(false);
        try (var node = node(RuntimeConfig.SandboxMode.PROCESS)) {
            var caches = node.invoker.aotCaches();
            node.activate(hello());
            await().atMost(TRAINING).until(() -> caches.cacheFor(hello()).isPresent() || caches.hasFailed(hello()));
            assertThat(caches.cacheFor(hello())).isPresent();

            var inv = node.invoke("hello", "{\"name\":\"Grace\"}");

            assertSucceeded(inv);
            assertThat(text(inv)).contains("Hello, Grace");
            assertThat(commandLine(node, "hello")).contains("-XX:AOTCache=" + caches.cacheFor(hello()).get());
            assertThat(node.store.read("hello", Optional.empty(), Optional.empty(), 10_000))
                    .as("the JVM mapped the cache without complaint").noneMatch(l -> l.message().contains("[aot]"));
            List<Long> aot = coldStarts(node, 3);
            System.out.println("hello cold start (init ms): plain " + plain + ", with AOT cache " + aot);
        }
    }

    /** A few cold starts of hello on a node without caches; a measurement, not asserted. */
    private List<Long> coldStarts(boolean aotCaches) throws IOException {
        Path plainCode = Files.createDirectories(code.resolve("plain"));
        Files.copy(HELLO_JAR, plainCode.resolve("hello-java.jar"));
        try (var node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS).aotCaches(aotCaches)
                .codeDirectory(sha -> plainCode).start()) {
            // a fair baseline: plain starts use the worker's class-data archive, made in the background
            await().atMost(TRAINING).until(() -> hasWorkerArchive(node.dataDir));
            node.activate(hello());
            List<Long> starts = coldStarts(node, 4);
            assertThat(node.store.read("hello", Optional.empty(), Optional.empty(), 10_000))
                    .as("workers map the worker archive without complaint").noneMatch(l -> l.message().contains("[error]"));
            return starts;
        }
    }

    private static boolean hasWorkerArchive(Path dataDir) throws IOException {
        try (var files = Files.list(dataDir.resolve("cds"))) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("worker-"));
        } catch (java.nio.file.NoSuchFileException notYet) {
            return false;
        }
    }

    private static List<Long> coldStarts(RuntimeFixture node, int times) {
        var out = new java.util.ArrayList<Long>();
        for (int i = 0; i < times; i++) {
            node.invoker.remove("hello");
            node.activate(hello());
            var inv = node.invoke("hello", "{\"name\":\"Ada\"}");
            assertSucceeded(inv);
            out.add(inv.record().initDuration().orElseThrow().toMillis());
        }
        return out;
    }

    @Test
    void training_whenTheSampleEventFails_leavesNoCache_andTheFunctionServesOnPlainStarts() throws Exception {
        var failing = version("fails-on-sample", Misbehave.class.getName(), "tests",
                Optional.of("{\"do\":\"fail\"}"));
        try (var node = node(RuntimeConfig.SandboxMode.AUTO)) {
            var caches = node.invoker.aotCaches();
            node.activate(failing);

            await().atMost(TRAINING).until(() -> caches.hasFailed(failing));
            assertThat(node.invoker.aotCache(failing)).isEqualTo("failed");

            assertThat(caches.cacheFor(failing)).isEmpty();
            var inv = node.invoke("fails-on-sample", "{\"do\":\"echo\"}");
            assertSucceeded(inv);
            assertThat(commandLine(node, "fails-on-sample")).noneMatch(a -> a.startsWith("-XX:AOTCache"));
        }
    }

    @Test
    void training_whenInitThrows_leavesNoCache() throws Exception {
        var broken = version("broken", "dev.gust.runtime.fixtures.NoSuchHandler", "tests", Optional.empty());
        try (var node = node(RuntimeConfig.SandboxMode.AUTO)) {
            var caches = node.invoker.aotCaches();
            node.activate(broken);

            await().atMost(TRAINING).until(() -> caches.hasFailed(broken));

            assertThat(caches.cacheFor(broken)).isEmpty();
            try (var left = Files.list(node.dataDir.resolve("aot"))) {
                assertThat(left).noneMatch(p -> p.toString().endsWith(".aot"));
            }
        }
    }

    @Test
    void instance_withATruncatedCache_stillStartsAndServes() throws Exception {
        try (var node = node(RuntimeConfig.SandboxMode.PROCESS)) {
            var caches = node.invoker.aotCaches();
            Path cache = caches.fileFor(hello());
            Files.createDirectories(cache.getParent());
            Files.write(cache, new byte[200_000]);
            try (FileChannel f = FileChannel.open(cache, StandardOpenOption.WRITE)) {
                f.truncate(100_000);
            }
            node.activate(hello());

            var inv = node.invoke("hello", "{\"name\":\"Ada\"}");

            assertSucceeded(inv);
            assertThat(text(inv)).contains("Hello, Ada");
            assertThat(commandLine(node, "hello")).contains("-XX:AOTCache=" + cache);
        }
    }

    /** What the instance was launched with, as the host sees it (the sandbox's command line holds the JVM's). */
    private static List<String> commandLine(RuntimeFixture node, String function) throws IOException {
        var instance = node.invoker.instancesOf(function).get(0);
        long pid = ((LaunchedProcess) instance.worker.process().orElseThrow()).pid();
        String raw = Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.UTF_8);
        return List.of(raw.split("\0"));
    }
}
