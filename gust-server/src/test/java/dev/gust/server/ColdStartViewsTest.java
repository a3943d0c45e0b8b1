package dev.gust.server;

import static dev.gust.server.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.runtime.StemCellStats;
import dev.gust.store.ColdStart;
import dev.gust.store.ColdStart.Mode;
import dev.gust.store.ColdStart.Reason;
import dev.gust.store.InvocationRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shapes of cold starts and stem cells in the admin API of a real node, from records with a
 * known breakdown written straight to the node's store and a fixed stem-cell snapshot, so that each
 * field's value is exact. {@link StemCellNodeTest} covers what the runtime itself produces.
 */
class ColdStartViewsTest {
    private static final String APP = """
            app: cold
            functions:
              echo:
                runtime: java21
                handler: dev.gust.server.fixtures.Echo
                code: code
                memory: 256
            """;
    private static final ColdStart STEM = new ColdStart(Mode.STEM_CELL, Reason.KEEP_ALIVE, Duration.ofNanos(100_400),
            Duration.ZERO, Duration.ZERO, Duration.ofNanos(3_200_600), Duration.ofMillis(1), Duration.ofNanos(400_000));

    @TempDir
    static Path data;
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(data);
        assertThat(node.deploy(APP).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static Node server() {
        return (Node) node.server;
    }

    @Test
    void invocationRecord_withBreakdown_showsEachPartInMillisecondsToTheMicrosecond() {
        server().store().invocations().record(record("cold-1", Optional.of(STEM)));

        var cold = json(node.admin("GET", "/v1/invocations/cold-1")).get("coldStart");

        assertThat(cold.get("mode").asText()).isEqualTo("STEM_CELL");
        assertThat(cold.get("reason").asText()).isEqualTo("KEEP_ALIVE");
        assertThat(cold.get("queueWaitMs").asDouble()).isEqualTo(0.1);
        assertThat(cold.get("sandboxMs").asDouble()).isEqualTo(0.0);
        assertThat(cold.get("jvmMs").asDouble()).isEqualTo(0.0);
        assertThat(cold.get("handOverMs").asDouble()).isEqualTo(3.201);
        assertThat(cold.get("classLoadMs").asDouble()).isEqualTo(1.0);
        assertThat(cold.get("initMs").asDouble()).isEqualTo(0.4);
    }

    @Test
    void invocationList_showsTheBreakdownOfColdOnes_andNoneForWarmOnes() {
        server().store().invocations().record(record("list-cold", Optional.of(STEM)));
        server().store().invocations().record(record("list-warm", Optional.empty()));

        var list = json(node.admin("GET", "/v1/invocations?function=listed&limit=10")).get("invocations");

        assertThat(list).hasSize(2);
        for (var r : list) {
            boolean cold = r.get("id").asText().equals("list-cold");
            assertThat(r.has("coldStart")).as(r.get("id").asText()).isEqualTo(cold);
        }
    }

    @Test
    void functions_countColdStartsSinceTheNodeStarted_byModeAndReason() {
        var invoked = node.invoke("echo", "{}");
        assertThat(invoked.statusCode()).isEqualTo(200);
        long realOnes = json(node.admin("GET", "/v1/functions/echo")).at("/coldStarts/total").asLong();
        server().metrics().record(MetricsTest.invocation("echo", true, Optional.of(STEM)));

        var one = json(node.admin("GET", "/v1/functions/echo")).get("coldStarts");
        var listed = json(node.admin("GET", "/v1/functions")).get("functions").get(0).get("coldStarts");

        assertThat(realOnes).as("the first invocation of a fresh node starts an instance").isGreaterThanOrEqualTo(1);
        assertThat(one.get("total").asLong()).isEqualTo(realOnes + 1);
        assertThat(one.at("/byMode/STEM_CELL").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(one.at("/byReason/KEEP_ALIVE").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(listed).isEqualTo(one);
    }

    @Test
    void stemCells_listEachMemoryClass_andTheMetricsShowThem() {
        server().metrics().stemCellsFrom(() -> List.of(new StemCellStats(256, 2, 0, 2, 14, 12, 0)));

        var cells = json(node.admin("GET", "/v1/stem-cells")).get("stemCells");
        String metrics = node.admin("GET", "/metrics").body();

        assertThat(cells).hasSize(1);
        assertThat(cells.get(0).toString()).isEqualTo(
                "{\"memoryMb\":256,\"ready\":2,\"starting\":0,\"target\":2,\"launched\":14,\"handedOver\":12,\"lost\":0}");
        assertThat(metrics).contains("gust_stem_cells{memory_mb=\"256\",state=\"ready\"} 2");
    }

    @Test
    void stemCells_withAnotherMethod_isRefusedNamingTheAllowedOne() {
        var res = node.admin("POST", "/v1/stem-cells");

        assertThat(res.statusCode()).isEqualTo(405);
        assertThat(json(res).at("/error/message").asText()).contains("allowed: GET");
    }

    @Test
    void openApiDocument_describesTheBreakdown_theCounts_andStemCells() {
        var doc = json(node.admin("GET", "/v1/openapi.json"));

        assertThat(doc.at("/components/schemas/Invocation/properties/coldStart/$ref").asText())
                .isEqualTo("#/components/schemas/ColdStart");
        assertThat(doc.at("/components/schemas/ColdStart/properties").fieldNames()).toIterable().containsExactly(
                "mode", "reason", "queueWaitMs", "sandboxMs", "jvmMs", "handOverMs", "classLoadMs", "initMs");
        assertThat(doc.at("/components/schemas/Function/properties/coldStarts/$ref").asText())
                .isEqualTo("#/components/schemas/ColdStartCounts");
        assertThat(doc.at("/paths/~1v1~1stem-cells/get/responses/200").isMissingNode()).isFalse();
    }

    private static InvocationRecord record(String id, Optional<ColdStart> coldStart) {
        String function = id.startsWith("list-") ? "listed" : "recorded";
        return new InvocationRecord(id, function, 1, "api", Instant.parse("2026-01-01T00:00:00Z"),
                Duration.ofMillis(9), 5, coldStart.map(c -> Duration.ofMillis(5)), 256, InvocationRecord.Status.SUCCESS,
                Optional.empty(), Optional.empty(), Optional.of("i-1"), "4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b7", Optional.empty(), "corr", coldStart);
    }
}
