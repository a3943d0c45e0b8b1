package dev.gust.server;

import static dev.gust.server.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.testing.ManualClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sent messages survive a restart of the node; those in flight come back when their visibility ends. */
class QueueRestartTest {
    @TempDir
    Path data;

    private static HttpResponse<String> call(TestNode node, String method, String path, String body) {
        return node.admin(method, path, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    @Test
    void restartWithMessagesQueuedAndInFlight_losesNone() throws Exception {
        var clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (TestNode node = TestNode.start(data, clock)) {
            assertThat(call(node, "POST", "/v1/queues", "{\"name\":\"durable\",\"visibilityTimeout\":\"1m\"}")
                    .statusCode()).isEqualTo(201);
            for (int i = 0; i < 20; i++) {
                assertThat(call(node, "POST", "/v1/queues/durable/messages", "{\"body\":\"m" + i + "\"}")
                        .statusCode()).isEqualTo(201);
            }
            assertThat(json(call(node, "POST", "/v1/queues/durable/receive", "{\"maxMessages\":10}"))
                    .get("messages")).hasSize(10);
        }

        try (TestNode node = TestNode.start(data, clock)) {
            JsonNode q = json(node.admin("GET", "/v1/queues/durable"));
            assertThat(q.get("messages").asInt()).isEqualTo(10);
            assertThat(q.get("inFlight").asInt()).isEqualTo(10);
            clock.advance(Duration.ofMinutes(1));

            Set<String> bodies = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                json(call(node, "POST", "/v1/queues/durable/receive", "{\"maxMessages\":10}")).get("messages")
                        .forEach(m -> bodies.add(m.get("body").asText()));
            }
            assertThat(bodies).hasSize(20);
        }
    }

    @Test
    void restart_keepsFifoDeduplicationIdsAndSequenceOrder() throws Exception {
        var clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        String first;
        try (TestNode node = TestNode.start(data, clock)) {
            assertThat(call(node, "POST", "/v1/queues", "{\"name\":\"once.fifo\",\"contentBasedDeduplication\":true}")
                    .statusCode()).isEqualTo(201);
            first = json(call(node, "POST", "/v1/queues/once.fifo/messages", "{\"body\":\"pay 42\",\"groupId\":\"g\"}"))
                    .get("messageId").asText();
        }

        try (TestNode node = TestNode.start(data, clock)) {
            clock.advance(Duration.ofMinutes(4));
            JsonNode again = json(call(node, "POST", "/v1/queues/once.fifo/messages",
                    "{\"body\":\"pay 42\",\"groupId\":\"g\"}"));
            call(node, "POST", "/v1/queues/once.fifo/messages", "{\"body\":\"pay 43\",\"groupId\":\"g\"}");

            JsonNode got = json(call(node, "POST", "/v1/queues/once.fifo/receive", "{\"maxMessages\":10}"))
                    .get("messages");

            assertThat(again.get("messageId").asText()).isEqualTo(first);
            assertThat(got.findValuesAsText("body")).containsExactly("pay 42", "pay 43");
        }
    }
}
