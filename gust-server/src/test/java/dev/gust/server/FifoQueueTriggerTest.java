package dev.gust.server;

import static dev.gust.server.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.testing.ManualClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Functions consuming FIFO queues on a real node: each group in send order under concurrent
 * batches, partial failures keeping the rest of their group, and the sender's trace and
 * correlation id reaching the invocation. The clock never moves, so nothing becomes visible again.
 */
class FifoQueueTriggerTest {
    static final String APP = """
            app: fifo-consumers
            functions:
              ordered:
                runtime: java21
                handler: dev.gust.server.fixtures.Batch
                code: code
              partial:
                runtime: java21
                handler: dev.gust.server.fixtures.Batch
                code: code
              traced:
                runtime: java21
                handler: dev.gust.server.fixtures.Batch
                code: code
            queues:
              ordered.fifo:
                trigger: {function: ordered, batch-size: 2, max-concurrency: 4}
              partial.fifo:
                content-based-deduplication: true
                trigger: {function: partial, batch-size: 3, max-concurrency: 2}
              traced:
                trigger: {function: traced, batch-size: 1, max-concurrency: 2}
            """;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern RECORD = Pattern.compile("record body=(\\S+) ");

    @TempDir
    static Path data;
    static ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(data, clock);
        HttpResponse<String> deployed = node.deploy(APP);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static JsonNode queue(String name) {
        return json(node.admin("GET", "/v1/queues/" + name));
    }

    static HttpResponse<String> send(String queue, String body, String... headers) {
        return node.admin("POST", "/v1/queues/" + queue + "/messages", body.getBytes(StandardCharsets.UTF_8),
                "application/json", headers);
    }

    /** @return the bodies the function logged, in the order it handled them */
    static List<String> handled(String function) {
        List<String> bodies = new ArrayList<>();
        for (JsonNode line : json(node.admin("GET", "/v1/functions/" + function + "/logs?limit=1000")).get("lines")) {
            Matcher m = RECORD.matcher(line.get("message").asText());
            if (m.find()) {
                bodies.add(m.group(1));
            }
        }
        return bodies;
    }

    @Test
    void trigger_withConcurrentBatches_handlesEachGroupInSendOrder() {
        for (int i = 0; i < 6; i++) {
            for (String group : List.of("a", "b", "c")) {
                String body = "{\"body\":\"" + group + "-" + i + "\",\"groupId\":\"" + group
                        + "\",\"deduplicationId\":\"" + group + i + "\"}";
                assertThat(send("ordered.fifo", body).statusCode()).isEqualTo(201);
            }
        }

        await().atMost(WAIT).until(() -> handled("ordered").size() == 18
                && queue("ordered.fifo").get("inFlight").asInt() == 0);

        Map<String, List<String>> byGroup = new LinkedHashMap<>();
        handled("ordered").forEach(b -> byGroup.computeIfAbsent(b.substring(0, 1), g -> new ArrayList<>()).add(b));
        assertThat(byGroup).containsOnlyKeys("a", "b", "c");
        byGroup.forEach((group, bodies) -> assertThat(bodies).as("group " + group)
                .containsExactly(group + "-0", group + "-1", group + "-2", group + "-3", group + "-4", group + "-5"));
        assertThat(queue("ordered.fifo").get("messages").asInt()).isZero();
    }

    @Test
    void partialBatchFailure_keepsTheFailedMessageAndTheRestOfItsGroup() {
        HttpResponse<String> sent = send("partial.fifo", """
                {"entries":[{"id":"1","body":"ok-1","groupId":"g"},{"id":"2","body":"bad-2","groupId":"g"},
                            {"id":"3","body":"ok-3","groupId":"g"}]}""");
        assertThat(json(sent).get("failed")).isEmpty();

        // deleted: ok-1; kept in flight until the visibility timeout: bad-2 and, behind it, ok-3
        await().atMost(WAIT).until(() -> node.records("partial").size() == 1
                && queue("partial.fifo").get("inFlight").asInt() == 2);
        assertThat(handled("partial")).containsExactly("ok-1", "bad-2", "ok-3");
        assertThat(queue("partial.fifo").get("messages").asInt()).isZero();
    }

    @Test
    void trigger_continuesTheSendersTrace_andKeepsItsCorrelationId() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        assertThat(send("traced", "{\"body\":\"follow me\"}", "traceparent", "00-" + traceId + "-b7ad6b7169203331-01",
                "Gust-Correlation-Id", "order-77").statusCode()).isEqualTo(201);

        await().atMost(WAIT).until(() -> node.records("traced").size() == 1);

        JsonNode record = node.records("traced").get(0);
        assertThat(record.get("trigger").asText()).isEqualTo("queue");
        assertThat(record.get("traceId").asText()).isEqualTo(traceId);
        assertThat(record.get("parentSpanId").asText()).isEqualTo("b7ad6b7169203331");
        assertThat(record.get("correlationId").asText()).isEqualTo("order-77");
    }
}
