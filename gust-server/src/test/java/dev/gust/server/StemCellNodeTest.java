package dev.gust.server;

import static dev.gust.server.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with stem cells on, end to end: the admin API lists a ready stem cell, a first invocation
 * takes it, and its record, the function's counts, {@code /metrics} and the refilled pool say so.
 */
class StemCellNodeTest {
    private static final String APP = """
            app: cold
            functions:
              echo:
                runtime: java21
                handler: dev.gust.server.fixtures.Echo
                code: code
                memory: 256
            """;

    @TempDir
    Path data;

    private static JsonNode stemCells(TestNode node) {
        return json(node.admin("GET", "/v1/stem-cells")).get("stemCells");
    }

    private static int ready(TestNode node) {
        JsonNode cells = stemCells(node);
        return cells.isEmpty() ? 0 : cells.get(0).get("ready").asInt();
    }

    @Test
    void aFirstInvocationTakesAReadyStemCell_andEveryViewSaysSo() throws Exception {
        try (var node = TestNode.start(data, b -> b.stemCellsMax(1).stemCellShare(0.5))) {
            assertThat(node.deploy(APP).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> ready(node) == 1);

            var res = node.invoke("echo", "{}");

            assertThat(res.statusCode()).isEqualTo(200);
            String id = res.headers().firstValue("Gust-Invocation-Id").orElseThrow();
            var cold = json(node.admin("GET", "/v1/invocations/" + id)).get("coldStart");
            assertThat(cold.get("mode").asText()).isEqualTo("STEM_CELL");
            assertThat(cold.get("reason").asText()).isEqualTo("NEW_VERSION");
            assertThat(cold.get("handOverMs").asDouble()).isPositive();
            var function = json(node.admin("GET", "/v1/functions/echo"));
            assertThat(function.at("/coldStarts/byMode/STEM_CELL").asLong()).isEqualTo(1);
            assertThat(function.get("aotCache").asText()).isEqualTo("off");
            assertThat(node.admin("GET", "/metrics").body())
                    .containsPattern("gust_cold_starts_total\\{function=\"echo\",mode=\"stem_cell\",reason=\"new_version\"} 1(\\.0)?\n");
            await().atMost(Duration.ofSeconds(60)).until(() -> ready(node) == 1);
            assertThat(stemCells(node).get(0).get("handedOver").asLong()).isEqualTo(1);
        }
    }
}
