package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gust.protocol.Frame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stem cell as the node runs it, in a child JVM (the environment it patches is the process's),
 * next to a worker started normally for the same function: what the function sees must not differ.
 * Both run once, for all the tests here: each JVM start costs seconds on a loaded machine.
 */
class StemCellProcessTest {
    private static final String HANDLER = "dev.gust.worker.fixtures.EnvReport";
    private static final Map<String, String> FUNCTION_ENV = FakeNode.environment(HANDLER, Map.of(
            "GUST_MEMORY_MB", "64", "GUST_USER_ENV", "GREETING", "GREETING", "hello = world", "PATH", "/usr/bin:/bin"));

    private static Path tmpdir;
    private static Run normal;
    private static Run stem;
    private static long specializeToReadyMicros;

    /** What one worker process showed, and how it ended. */
    private record Run(Path socket, Frame.Hello hello, Map<String, Object> report, Frame.Ready ready, int exit,
            String output) {
        long startToHelloMillis() {
            return (hello.connectedEpochMicros() - hello.vmStartEpochMicros()) / 1000;
        }

        @SuppressWarnings("unchecked")
        Map<String, String> section(String name) {
            return (Map<String, String>) report.get(name);
        }
    }

    @BeforeAll
    static void runBoth() throws Exception {
        tmpdir = Files.createTempDirectory("gust-stem-tmp");
        normal = normalWorker();
        stem = stemCell();
        System.out.printf("stem cell: JVM start -> Hello %d ms (warm-up included), Specialize -> Ready %.1f ms "
                + "(class load %d us, init %d us); normal worker: JVM start -> Hello %d ms, class load %d us, "
                + "init %d us%n", stem.startToHelloMillis(), specializeToReadyMicros / 1000.0,
                stem.ready().classLoadMicros(), stem.ready().initMicros(), normal.startToHelloMillis(),
                normal.ready().classLoadMicros(), normal.ready().initMicros());
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (var files = Files.walk(tmpdir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void specialize_getenvShowsExactlyTheEnvironmentOfAWorkerStartedForTheFunction() {
        assertThat(withoutSocket(stem.section("getenv"))).isEqualTo(withoutSocket(normal.section("getenv")))
                .containsEntry("GREETING", "hello = world")
                .doesNotContainKeys(StemCell.FLAG, "LEFTOVER");
        assertThat(stem.section("getenv")).containsEntry("GUST_SOCKET", stem.socket().toString());
        assertThat(stem.section("getenvEach")).isEqualTo(stem.section("getenv"));
    }

    @Test
    void specialize_childProcessesInheritExactlyTheEnvironmentOfAWorkerStartedForTheFunction() {
        assertThat(withoutSocket(stem.section("child"))).isEqualTo(withoutSocket(normal.section("child")))
                .containsEntry("GREETING", "hello = world")
                .doesNotContainKeys(StemCell.FLAG, "LEFTOVER");
        assertThat(stem.section("child")).isEqualTo(stem.section("getenv"));
    }

    @Test
    void warmUp_leavesSystemPropertiesAsAFreshWorkerHasThem() {
        assertThat(stem.section("properties")).isEqualTo(normal.section("properties"))
                .containsEntry("java.io.tmpdir", tmpdir.toString());
    }

    @Test
    void warmUp_leavesNoThreadBehind() {
        assertThat(threadKinds(stem)).isEqualTo(threadKinds(normal)).contains("main");
    }

    /** Thread names, with virtual-thread carriers counted once: how many there are depends on scheduling. */
    private static java.util.Set<String> threadKinds(Run run) {
        return run.section("threads").keySet().stream().map(n -> n.replaceFirst("-worker-\\d+$", "-worker-*"))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    @Test
    void warmUp_leavesNoFileInTheTemporaryDirectory() throws IOException {
        try (var files = Files.list(tmpdir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void stemCell_exitsZeroOnShutdownAndWritesNothingOfItsOwn_butTheJvmsNativeAccessWarning() {
        assertThat(stem.exit()).isZero();
        assertThat(stem.output().lines().filter(l -> !l.isBlank()))
                .as("only the JVM's warning about the C library binding, written before the Hello")
                .isNotEmpty().allMatch(l -> l.startsWith("WARNING: "));
        assertThat(stem.output()).contains("restricted method");
        assertThat(normal.exit()).isZero();
        assertThat(normal.output()).isEmpty();
    }

    private static Map<String, String> withoutSocket(Map<String, String> env) {
        var copy = new HashMap<>(env);
        assertThat(copy.remove("GUST_SOCKET")).isNotNull();
        return copy;
    }

    private static Run normalWorker() throws Exception {
        try (var node = FakeNode.listening()) {
            var env = new HashMap<>(FUNCTION_ENV);
            env.put("GUST_SOCKET", node.socket().toString());
            Process process = launch(node, env);
            try {
                node.accept();
                var ready = (Frame.Ready) node.startup();
                return finish(node, process, ready);
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static Run stemCell() throws Exception {
        try (var node = FakeNode.listening()) {
            Process process = launch(node, Map.of("GUST_SOCKET", node.socket().toString(), "GUST_CODE",
                    FUNCTION_ENV.get("GUST_CODE"), StemCell.FLAG, "1", "GUST_INSTANCE_ID", "stem-1",
                    "LEFTOVER", "from the launch", "PATH", "/usr/bin:/bin"));
            try {
                node.accept();
                assertThat(node.first(Frame.Hello.class).instanceId()).isEqualTo("stem-1");
                var specialized = new HashMap<>(FUNCTION_ENV);
                specialized.remove("GUST_CODE");
                long sent = System.nanoTime();
                node.send(new Frame.Specialize(specialized));
                Frame startup = await().atMost(FakeNode.PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                        .until(() -> node.frames().stream().filter(f -> !(f instanceof Frame.Hello)).findFirst(),
                                Optional::isPresent).orElseThrow();
                specializeToReadyMicros = (System.nanoTime() - sent) / 1000;
                assertThat(startup).isInstanceOf(Frame.Ready.class);
                return finish(node, process, (Frame.Ready) startup);
            } finally {
                process.destroyForcibly();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Run finish(FakeNode node, Process process, Frame.Ready ready) throws Exception {
        Frame.Result result = node.invoke("inv-1", "{}");
        assertThat(result.ok()).as("report: %s", result.error()).isTrue();
        var report = (Map<String, Object>) new JsonCodec().read(result.payload(), Map.class);
        node.send(new Frame.Shutdown());
        assertThat(process.waitFor(FakeNode.PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("worker exited").isTrue();
        String output = Files.readString(node.dir().resolve("process-output.txt"), StandardCharsets.UTF_8);
        return new Run(node.socket(), node.first(Frame.Hello.class), report, ready, process.exitValue(), output);
    }

    /** Starts {@code java ... dev.gust.worker.Main} with exactly {@code env} and the flags a node passes. */
    private static Process launch(FakeNode node, Map<String, String> env) throws IOException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(nodeFlags());
        command.addAll(List.of("-Djava.io.tmpdir=" + tmpdir, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        var builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        builder.redirectOutput(node.dir().resolve("process-output.txt").toFile());
        return builder.start();
    }

    /** The flags a node gives every worker, stem cell or not (see WorkerCommand.environmentPatchFlags). */
    static List<String> nodeFlags() {
        int feature = Runtime.version().feature();
        var flags = new ArrayList<String>();
        if (feature >= 23) {
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        return flags;
    }
}
