package dev.gust.runtime;

import static dev.gust.runtime.RuntimeFixture.assertSucceeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.runtime.fixtures.Inspect;
import dev.gust.runtime.fixtures.Misbehave;
import dev.gust.store.ColdStart;
import dev.gust.store.FunctionSpec.Concurrency;
import dev.gust.store.FunctionVersion;
import dev.gust.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Stem cells with real worker processes: a cold start takes a ready one, hands it the function and
 * records the hand-over; the pool refills; a stem cell is never handed a second function; a function
 * sees the same sandbox as in a freshly made one; stem cells give way to functions for memory and
 * end with the node.
 */
abstract class StemCellContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ManualClock clock = ManualClock.atEpochOfTests();

    abstract RuntimeConfig.SandboxMode mode();

    private RuntimeFixture.Builder node() {
        return RuntimeFixture.builder(mode()).clock(clock);
    }

    private static StemCellStats awaitReady(RuntimeFixture node, int ready) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> node.invoker.stemCells().stream()
                .filter(s -> s.memoryMb() == 256).findFirst().orElse(null), s -> s != null && s.ready() >= ready);
    }

    @Test
    void coldStart_takesAReadyStemCell_recordsTheHandOver_andThePoolRefills() throws Exception {
        try (var node = node().stemCells(1, 0.5).start()) {
            node.activate(RuntimeFixture.misbehave("taker"));
            awaitReady(node, 1);

            Invocation inv = node.invoke("taker", "{}");

            assertSucceeded(inv);
            assertThat(inv.coldStart()).isTrue();
            ColdStart cs = inv.record().coldStart().orElseThrow();
            assertThat(cs.mode()).isEqualTo(ColdStart.Mode.STEM_CELL);
            assertThat(cs.reason()).isEqualTo(ColdStart.Reason.NEW_VERSION);
            assertThat(cs.sandbox()).isZero();
            assertThat(cs.jvm()).isZero();
            assertThat(cs.handOver()).isPositive();
            assertThat(node.logs("taker", inv.record().id())).anySatisfy(l -> assertThat(l.message())
                    .startsWith("cold start ").contains("stem cell hand-over"));
            StemCellStats refilled = awaitReady(node, 1);
            assertThat(refilled.launched()).isEqualTo(2);
            assertThat(refilled.handedOver()).isEqualTo(1);
            assertThat(refilled.target()).isEqualTo(1);
        }
    }

    @Test
    void coldStart_withoutAReadyStemCell_startsANewWorker() throws Exception {
        try (var node = node().start()) {
            node.activate(RuntimeFixture.misbehave("plain"));

            Invocation inv = node.invoke("plain", "{}");

            assertSucceeded(inv);
            ColdStart cs = inv.record().coldStart().orElseThrow();
            assertThat(cs.mode()).isEqualTo(ColdStart.Mode.PLAIN);
            assertThat(cs.jvm()).isPositive();
            assertThat(cs.handOver()).isZero();
            assertThat(node.invoker.stemCells()).isEmpty();
        }
    }

    @Test
    void aFunctionSettingAVariableReadAtJvmStart_getsANewWorker_notAStemCell() throws Exception {
        var spec = new dev.gust.store.FunctionSpec("localised", "java21", Misbehave.class.getName(), "sha-of-test-classes",
                256, Duration.ofSeconds(10), new Concurrency(0, 1, 1), Map.of("LANG", "de_DE.UTF-8"), true,
                java.util.List.of(), dev.gust.store.FunctionSpec.Async.DEFAULT);
        try (var node = node().stemCells(1, 0.5).start()) {
            node.activate(RuntimeFixture.misbehave("plain-one"));
            awaitReady(node, 1);
            node.activate(new FunctionVersion("tests", 1, spec, java.time.Instant.parse("2026-01-01T00:00:00Z")));

            Invocation inv = node.invoke("localised", "{}");

            assertSucceeded(inv);
            assertThat(inv.record().coldStart().orElseThrow().mode()).isEqualTo(ColdStart.Mode.PLAIN);
            assertThat(output(inv).path("env").path("LANG").asText()).isEqualTo("de_DE.UTF-8");
            assertThat(node.invoker.stemCells().getFirst().ready()).as("the stem cell is still there").isEqualTo(1);
        }
    }

    @Test
    void aStemCellBecomesOneFunctionsInstanceForLife_andIsNeverHandedAnother() throws Exception {
        try (var node = node().keepAlive(Duration.ofMinutes(1)).stemCells(1, 0.5).start()) {
            node.activate(RuntimeFixture.misbehave("first"));
            node.activate(RuntimeFixture.misbehave("second"));
            awaitReady(node, 1);
            Invocation first = node.invoke("first", "{}");
            Instance instance = node.invoker.instancesOf("first").getFirst();

            clock.advance(Duration.ofMinutes(2));
            node.invoker.sweep();
            instance.worker.exited().get(30, java.util.concurrent.TimeUnit.SECONDS);
            awaitReady(node, 1);
            Invocation second = node.invoke("second", "{}");

            assertThat(second.record().coldStart().orElseThrow().mode()).isEqualTo(ColdStart.Mode.STEM_CELL);
            assertThat(second.record().instanceId()).isNotEqualTo(first.record().instanceId());
            long firstPid = ((LaunchedProcess) instance.worker.process().orElseThrow()).pid();
            assertThat(ProcessHandle.of(firstPid)).as("the first function's stem cell ended with its instance").isEmpty();
            assertThat(node.invoker.stemCells().getFirst().handedOver()).isEqualTo(2);
        }
    }

    @Test
    void aFunctionInAStemCellSeesWhatItWouldSeeInAFreshSandbox() throws Exception {
        FunctionVersion inspect = RuntimeFixture.version("inspect", 1, Inspect.class.getName(), 256,
                Duration.ofSeconds(10), new Concurrency(0, 1, 1));
        JsonNode fresh;
        try (var node = node().start()) {
            node.activate(inspect);
            fresh = output(node.invoke("inspect", "{}"));
        }
        JsonNode stem;
        try (var node = node().stemCells(1, 0.5).start()) {
            node.activate(inspect);
            awaitReady(node, 1);
            Invocation inv = node.invoke("inspect", "{}");
            assertThat(inv.record().coldStart().orElseThrow().mode()).isEqualTo(ColdStart.Mode.STEM_CELL);
            stem = output(inv);
        }

        assertThat(comparable(stem.get("env"))).isEqualTo(comparable(fresh.get("env")));
        assertThat(stem.get("env").has("GUST_STEM_CELL")).isFalse();
        assertThat(stem.get("env").path("GREETING").asText()).isEqualTo("hello");
        assertThat(stem.get("childEnv").toString().replaceAll("GUST_INSTANCE_ID=[^\"]*", "")
                .replaceAll("GUST_(CODE|CHANNEL)=[^\"]*", ""))
                .isEqualTo(fresh.get("childEnv").toString().replaceAll("GUST_INSTANCE_ID=[^\"]*", "")
                        .replaceAll("GUST_(CODE|CHANNEL)=[^\"]*", ""));
        assertThat(stem.get("code")).isEqualTo(fresh.get("code"));
        assertThat(stem.get("hostname")).isEqualTo(fresh.get("hostname"));
        assertThat(stem.get("cmdline")).isEqualTo(fresh.get("cmdline"));
        if (mode() == RuntimeConfig.SandboxMode.BWRAP) {
            assertThat(stem.get("cwd")).isEqualTo(fresh.get("cwd"));
            assertThat(stem.get("tmp")).isEqualTo(fresh.get("tmp"));
            assertThat(stem.get("env").get("GUST_CODE")).isEqualTo(fresh.get("env").get("GUST_CODE"));
        }
    }

    @Test
    void stemCellsGiveWayWhenAFunctionNeedsTheirMemory() throws Exception {
        try (var node = node().memoryBudgetMb(512).stemCells(2, 1.0).start()) {
            node.activate(RuntimeFixture.version("big", 1, Misbehave.class.getName(), 512, Duration.ofSeconds(10),
                    new Concurrency(0, 1, 1)));
            node.activate(RuntimeFixture.misbehave("small"));
            await().atMost(Duration.ofSeconds(60)).until(() -> node.invoker.stemCells().stream()
                    .mapToInt(s -> s.ready()).sum() >= 1);

            Invocation big = node.invoke("big", "{}");

            assertSucceeded(big);
            assertThat(node.invoker.stemCells().stream().mapToInt(s -> s.ready() + s.starting()).sum()).isZero();
        }
    }

    @Test
    void shutdown_endsEveryStemCell() throws Exception {
        ProcessHandle stemProcess;
        try (var node = node().stemCells(1, 0.5).start()) {
            node.activate(RuntimeFixture.misbehave("any"));
            awaitReady(node, 1);
            stemProcess = ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("")
                    .contains(WorkerCommand.MAIN_CLASS)).findFirst().orElseThrow();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !stemProcess.isAlive());
    }

    private static JsonNode output(Invocation inv) throws Exception {
        assertSucceeded(inv);
        return JSON.readTree(((Outcome.Success) inv.outcome()).payload());
    }

    /** The environment without what differs between any two instances: their ids and socket paths. */
    private static Map<String, String> comparable(JsonNode env) {
        Map<String, String> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = env.fields(); it.hasNext(); ) {
            var e = it.next();
            m.put(e.getKey(), e.getValue().asText());
        }
        m.remove("GUST_INSTANCE_ID");
        m.remove("GUST_CHANNEL");
        m.remove("GUST_CODE");
        return m;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
