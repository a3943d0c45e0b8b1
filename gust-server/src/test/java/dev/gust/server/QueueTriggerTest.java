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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A function consuming a queue on a real node: deletes on success, partial batch failures, dead letters. */
class QueueTriggerTest {
    static final String APP = """
            app: consumers
            functions:
              batch:
                runtime: java21
                handler: dev.gust.server.fixtures.Batch
                code: code
            queues:
              work-dlq:
              work:
                visibility-timeout: 30s
                dead-letter-queue: work-dlq
                max-receive-count: 1
                # the window (on the test's clock) gathers both messages into one batch
                trigger: {function: batch, batch-size: 2, batching-window: 20s, max-concurrency: 2}
            """;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path data;
    static ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(data, clock);
        assertThat(node.deploy(APP).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static JsonNode queue(String name) {
        return json(node.admin("GET", "/v1/queues/" + name));
    }

    static long settled() {
        var m = java.util.regex.Pattern.compile("(?m)^gust_queue_trigger_batches_total(?:\\{[^}]*\\})? ([0-9.]+)$")
                .matcher(node.admin("GET", "/metrics").body());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

    static HttpResponse<String> send(String body) {
        return node.admin("POST", "/v1/queues/work/messages",
                ("{\"body\":\"" + body + "\"}").getBytes(StandardCharsets.UTF_8), "application/json");
    }

    @Test
    void trigger_isShownWithTheQueue_andKeptWhenTheApiChangesAttributes() {
        assertThat(node.admin("PUT", "/v1/queues/work", "{\"visibilityTimeout\":\"30s\",\"deadLetterQueue\":\"work-dlq\",\"maxReceiveCount\":1}"
                .getBytes(StandardCharsets.UTF_8), "application/json").statusCode()).isEqualTo(200);

        JsonNode trigger = queue("work").get("trigger");

        assertThat(trigger.get("function").asText()).isEqualTo("batch");
        assertThat(trigger.get("batchSize").asInt()).isEqualTo(2);
        assertThat(trigger.get("maxConcurrency").asInt()).isEqualTo(2);
    }

    @Test
    void trigger_deletesWhatSucceeded_andSendsReportedFailuresToTheDeadLetterQueue() {
        assertThat(send("good-1").statusCode()).isEqualTo(201);
        assertThat(send("bad-1").statusCode()).isEqualTo(201);

        // once the one batch is settled, the failed message has its error recorded
        await().atMost(WAIT).until(() -> settled() == 1);
        assertThat(queue("work").get("messages").asInt()).isZero();
        assertThat(queue("work").get("inFlight").asInt()).isEqualTo(1);
        assertThat(node.records("batch")).allSatisfy(r -> assertThat(r.get("trigger").asText()).isEqualTo("queue"));

        clock.advance(Duration.ofSeconds(30));
        await().atMost(WAIT).until(() -> queue("work-dlq").get("messages").asInt() == 1);
        JsonNode dead = json(node.admin("POST", "/v1/queues/work-dlq/receive", "{}".getBytes(StandardCharsets.UTF_8),
                "application/json")).get("messages").get(0);
        assertThat(dead.get("body").asText()).isEqualTo("bad-1");
        assertThat(dead.get("lastError").asText()).contains("batchItemFailures");
        assertThat(queue("work").get("inFlight").asInt()).isZero();
    }
}
