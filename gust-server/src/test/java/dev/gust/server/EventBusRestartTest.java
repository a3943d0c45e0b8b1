package dev.gust.server;

import static dev.gust.server.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gust.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deployed rules and the archive are kept across a restart of the node. */
class EventBusRestartTest {
    static final String APP = """
            app: kept
            functions:
              target:
                runtime: java21
                handler: dev.gust.server.fixtures.Recorder
                code: code
            rules:
              all-orders:
                pattern: {source: [/orders]}
                targets: [{function: target}]
            """;

    @TempDir
    Path data;

    static byte[] event(String id) {
        return ("{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/orders\",\"type\":\"t\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void restart_keepsTheRulesAndTheArchive() throws Exception {
        var clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (TestNode node = TestNode.start(data, clock)) {
            assertThat(node.deploy(APP).statusCode()).isEqualTo(200);
            assertThat(node.admin("POST", "/v1/events", event("before"), "application/cloudevents+json").statusCode())
                    .isEqualTo(202);
        }

        try (TestNode node = TestNode.start(data, clock)) {
            var res = node.admin("POST", "/v1/events", event("after"), "application/cloudevents+json");

            assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> node.records("target").size() == 2);
            var events = json(node.admin("GET", "/v1/events?since=1h")).get("events");
            assertThat(StreamSupport.stream(events.spliterator(), false).map(e -> e.get("event").get("id").asText()))
                    .containsExactly("before", "after");
        }
    }

    @Test
    void deploy_withoutRules_removesTheAppsRules() throws Exception {
        var clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (TestNode node = TestNode.start(data, clock)) {
            assertThat(node.deploy(APP).statusCode()).isEqualTo(200);
            assertThat(node.deploy(APP.substring(0, APP.indexOf("rules:"))).statusCode()).isEqualTo(200);

            var replay = node.admin("POST", "/v1/events/replays", ("{\"rule\":\"all-orders\",\"from\":\"2026-01-01T00:00:00Z\","
                    + "\"to\":\"2026-04-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8), "application/json");

            assertThat(replay.statusCode()).isEqualTo(404);
        }
    }
}
