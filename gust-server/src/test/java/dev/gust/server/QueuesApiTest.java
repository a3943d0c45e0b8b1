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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue admin API on a real node whose clock the tests step. Each test uses its own queues. */
class QueuesApiTest {
    @TempDir
    static Path data;
    static ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(data, clock);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static HttpResponse<String> call(String method, String path, String body) {
        return node.admin(method, path, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    static void create(String body) {
        assertThat(call("POST", "/v1/queues", body).statusCode()).isEqualTo(201);
    }

    static JsonNode receive(String queue, String body) {
        HttpResponse<String> r = call("POST", "/v1/queues/" + queue + "/receive", body);
        assertThat(r.statusCode()).isEqualTo(200);
        return json(r).get("messages");
    }

    @Test
    void create_thenGet_showsAttributesAndCounts() {
        create("{\"name\":\"a1\",\"visibilityTimeout\":\"45s\",\"delay\":0}");
        call("POST", "/v1/queues/a1/messages", "{\"body\":\"hi\"}");
        clock.advance(Duration.ofSeconds(3));

        JsonNode q = json(node.admin("GET", "/v1/queues/a1"));

        assertThat(q.get("visibilityTimeout").asText()).isEqualTo("45s");
        assertThat(q.get("retention").asText()).isEqualTo("96h");
        assertThat(q.get("messages").asInt()).isEqualTo(1);
        assertThat(q.get("inFlight").asInt()).isZero();
        assertThat(q.get("oldestAgeSeconds").asInt()).isEqualTo(3);
        assertThat(json(node.admin("GET", "/v1/queues")).get("queues").findValuesAsText("name")).contains("a1");
    }

    @Test
    void create_withBadAttributes_is400NamingTheField_andCreatesNothing() {
        HttpResponse<String> r = call("POST", "/v1/queues", "{\"name\":\"b1\",\"delay\":\"16m\"}");
        HttpResponse<String> fifo = call("POST", "/v1/queues", "{\"name\":\"b1\",\"fifo\":true}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("delay");
        assertThat(fifo.statusCode()).isEqualTo(400);
        assertThat(node.admin("GET", "/v1/queues/b1").statusCode()).isEqualTo(404);
    }

    @Test
    void sendReceiveDelete_roundTrip() {
        create("{\"name\":\"c1\"}");
        HttpResponse<String> sent = call("POST", "/v1/queues/c1/messages",
                "{\"body\":\"order-1\",\"attributes\":{\"kind\":\"order\"}}");

        JsonNode msg = receive("c1", "{\"maxMessages\":10}").get(0);
        HttpResponse<String> deleted = node.admin("DELETE", "/v1/queues/c1/messages/" + msg.get("receiptHandle").asText());
        HttpResponse<String> again = node.admin("DELETE", "/v1/queues/c1/messages/" + msg.get("receiptHandle").asText());

        assertThat(sent.statusCode()).isEqualTo(201);
        assertThat(msg.get("messageId").asText()).isEqualTo(json(sent).get("messageId").asText());
        assertThat(msg.get("body").asText()).isEqualTo("order-1");
        assertThat(msg.get("attributes").get("kind").asText()).isEqualTo("order");
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(again.statusCode()).isEqualTo(404);
    }

    @Test
    void sendBatch_reportsSuccessfulAndFailedEntries() {
        create("{\"name\":\"d1\",\"maxMessageBytes\":10}");

        JsonNode r = json(call("POST", "/v1/queues/d1/messages",
                "{\"entries\":[{\"id\":\"a\",\"body\":\"small\"},{\"id\":\"b\",\"body\":\"far too large\"}]}"));

        assertThat(r.get("successful").findValuesAsText("id")).containsExactly("a");
        assertThat(r.get("failed").get(0).get("status").asInt()).isEqualTo(413);
        assertThat(receive("d1", "{\"maxMessages\":10}")).hasSize(1);
    }

    @Test
    void send_tooLarge_is413_andToAnUnknownQueue_is404() {
        create("{\"name\":\"e1\",\"maxMessageBytes\":4}");

        HttpResponse<String> big = call("POST", "/v1/queues/e1/messages", "{\"body\":\"12345\"}");
        HttpResponse<String> unknown = call("POST", "/v1/queues/nope/messages", "{\"body\":\"x\"}");
        HttpResponse<String> noBody = call("POST", "/v1/queues/e1/messages", "{\"attributes\":{}}");

        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(noBody.statusCode()).isEqualTo(400);
        assertThat(noBody.body()).contains("body");
        assertThat(json(node.admin("GET", "/v1/queues/e1")).get("messages").asInt()).isZero();
    }

    @Test
    void receive_longPoll_returnsAsSoonAsAMessageIsSent() {
        create("{\"name\":\"f1\"}");
        CompletableFuture<JsonNode> poll = CompletableFuture.supplyAsync(() -> receive("f1", "{\"waitTime\":20}"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            if (!poll.isDone()) {
                call("POST", "/v1/queues/f1/messages", "{\"body\":\"ping\"}");
            }
            assertThat(poll).isDone();
        });

        assertThat(poll.join().findValuesAsText("body")).contains("ping");
    }

    @Test
    void deadLetterQueue_receivesPoisonMessages_andRedriveReturnsThem() {
        create("{\"name\":\"g1-dlq\"}");
        create("{\"name\":\"g1\",\"deadLetterQueue\":\"g1-dlq\",\"maxReceiveCount\":1,\"visibilityTimeout\":\"10s\"}");
        call("POST", "/v1/queues/g1/messages", "{\"body\":\"poison\"}");
        assertThat(receive("g1", "{}")).hasSize(1);
        clock.advance(Duration.ofSeconds(10));

        assertThat(receive("g1", "{}")).isEmpty();
        JsonNode dlq = json(node.admin("GET", "/v1/queues/g1-dlq"));
        JsonNode redriven = json(call("POST", "/v1/queues/g1-dlq/redrive", ""));

        assertThat(dlq.get("messages").asInt()).isEqualTo(1);
        assertThat(redriven.get("moved").asInt()).isEqualTo(1);
        assertThat(receive("g1", "{}").findValuesAsText("body")).containsExactly("poison");
        assertThat(node.admin("DELETE", "/v1/queues/g1-dlq").statusCode()).isEqualTo(409);
    }

    @Test
    void purgeAndDelete_emptyAndRemoveTheQueue() {
        create("{\"name\":\"h1\"}");
        call("POST", "/v1/queues/h1/messages", "{\"body\":\"x\"}");

        assertThat(json(call("POST", "/v1/queues/h1/purge", "")).get("purged").asInt()).isEqualTo(1);
        assertThat(node.admin("DELETE", "/v1/queues/h1").statusCode()).isEqualTo(204);
        assertThat(node.admin("GET", "/v1/queues/h1").statusCode()).isEqualTo(404);
    }

    @Test
    void metrics_showDepthAndInFlight() {
        create("{\"name\":\"m1\"}");
        call("POST", "/v1/queues/m1/messages", "{\"body\":\"x\"}");
        call("POST", "/v1/queues/m1/messages", "{\"body\":\"y\"}");
        receive("m1", "{}");

        String metrics = node.admin("GET", "/metrics").body();

        assertThat(metrics).contains("gust_queue_messages{queue=\"m1\",state=\"visible\"} 1.0");
        assertThat(metrics).contains("gust_queue_messages{queue=\"m1\",state=\"in_flight\"} 1.0");
    }

    @Test
    void deploy_createsAndUpdatesDeclaredQueues_andNeverDeletesThem() {
        String app = """
                app: qapp
                functions:
                  echo:
                    runtime: java21
                    handler: dev.gust.server.fixtures.Echo
                    code: code
                queues:
                  %s
                """;
        assertThat(node.deploy(app.formatted("""
                jobs:
                    visibility-timeout: 1m
                    dead-letter-queue: jobs-dlq
                    max-receive-count: 4
                  jobs-dlq:""")).statusCode()).isEqualTo(200);
        assertThat(node.deploy(app.formatted("jobs-dlq: {retention: 2d}")).statusCode()).isEqualTo(200);

        JsonNode jobs = json(node.admin("GET", "/v1/queues/jobs"));
        assertThat(jobs.get("visibilityTimeout").asText()).isEqualTo("1m");
        assertThat(jobs.get("deadLetterQueue").asText()).isEqualTo("jobs-dlq");
        assertThat(json(node.admin("GET", "/v1/queues/jobs-dlq")).get("retention").asText()).isEqualTo("48h");
    }

    @Test
    void deploy_withAnUnknownDeadLetterQueue_is400_andCreatesNothing() {
        HttpResponse<String> r = node.deploy("""
                app: qbad
                functions:
                  echo2:
                    runtime: java21
                    handler: dev.gust.server.fixtures.Echo
                    code: code
                queues:
                  lonely: {dead-letter-queue: nowhere, max-receive-count: 2}
                """);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("queues.lonely.dead-letter-queue");
        assertThat(node.admin("GET", "/v1/queues/lonely").statusCode()).isEqualTo(404);
        assertThat(node.admin("GET", "/v1/functions/echo2").statusCode()).isEqualTo(404);
    }
    @Test
    void changeVisibility_andDeleteBatch_workByReceiptHandle() {
        create("{\"name\":\"v1\"}");
        call("POST", "/v1/queues/v1/messages", "{\"entries\":[{\"id\":\"a\",\"body\":\"1\"},{\"id\":\"b\",\"body\":\"2\"}]}");
        JsonNode first = receive("v1", "{\"maxMessages\":10}");
        String handle = first.get(0).get("receiptHandle").asText();

        HttpResponse<String> changed = call("POST", "/v1/queues/v1/visibility",
                "{\"receiptHandle\":\"" + handle + "\",\"visibilityTimeout\":0}");
        JsonNode again = receive("v1", "{\"maxMessages\":10}");
        JsonNode deleted = json(call("POST", "/v1/queues/v1/delete-batch", "{\"receiptHandles\":[\""
                + again.get(0).get("receiptHandle").asText() + "\",\"" + handle + "\"]}"));

        assertThat(changed.statusCode()).isEqualTo(204);
        assertThat(again).hasSize(1);
        assertThat(deleted.get("successful")).hasSize(1);
        assertThat(deleted.get("failed").get(0).get("status").asInt()).isEqualTo(404);
    }

    @Test
    void badJsonAndBadFields_are400NamingWhatIsWrong() {
        create("{\"name\":\"w1\"}");

        HttpResponse<String> notJson = call("POST", "/v1/queues/w1/messages", "{body");
        HttpResponse<String> badWait = call("POST", "/v1/queues/w1/receive", "{\"waitTime\":\"21s\"}");
        HttpResponse<String> badMax = call("POST", "/v1/queues/w1/receive", "{\"maxMessages\":\"ten\"}");

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(badWait.statusCode()).isEqualTo(400);
        assertThat(badWait.body()).contains("waitTime");
        assertThat(badMax.statusCode()).isEqualTo(400);
        assertThat(badMax.body()).contains("maxMessages");
    }

    static HttpResponse<String> send(String queue, String body, String... headers) {
        return node.admin("POST", "/v1/queues/" + queue + "/messages", body.getBytes(StandardCharsets.UTF_8),
                "application/json", headers);
    }

    @Test
    void fifoQueue_deduplicatesAResend_andReceivesGroupSequenceAndDeduplicationId() {
        create("{\"name\":\"f1.fifo\",\"fifo\":true,\"contentBasedDeduplication\":true}");
        JsonNode first = json(send("f1.fifo", "{\"body\":\"one\",\"groupId\":\"g1\",\"deduplicationId\":\"d1\"}"));
        JsonNode again = json(send("f1.fifo", "{\"body\":\"other\",\"groupId\":\"g1\",\"deduplicationId\":\"d1\"}"));
        JsonNode byContent = json(send("f1.fifo", "{\"entries\":[{\"id\":\"a\",\"body\":\"two\",\"groupId\":\"g1\"},"
                + "{\"id\":\"b\",\"body\":\"two\",\"groupId\":\"g2\"}]}"));

        JsonNode got = receive("f1.fifo", "{\"maxMessages\":10}");

        assertThat(json(node.admin("GET", "/v1/queues/f1.fifo")).get("type").asText()).isEqualTo("fifo");
        assertThat(again.get("messageId")).isEqualTo(first.get("messageId"));
        assertThat(again.get("sequenceNumber")).isEqualTo(first.get("sequenceNumber"));
        assertThat(byContent.get("successful")).hasSize(2);
        assertThat(byContent.get("successful").get(1).get("messageId"))
                .isEqualTo(byContent.get("successful").get(0).get("messageId"));
        assertThat(got.findValuesAsText("body")).containsExactly("one", "two");
        assertThat(got.get(0).get("groupId").asText()).isEqualTo("g1");
        assertThat(got.get(0).get("deduplicationId").asText()).isEqualTo("d1");
        assertThat(got.get(1).get("sequenceNumber").asLong()).isGreaterThan(got.get(0).get("sequenceNumber").asLong());
    }

    @Test
    void fifoInput_thatSqsRefuses_is400NamingTheField_andChangesNothing() {
        create("{\"name\":\"f2.fifo\"}");
        create("{\"name\":\"f2\"}");

        assertBadRequest(call("POST", "/v1/queues", "{\"name\":\"f3.fifo\",\"fifo\":false}"), "fifo false");
        assertBadRequest(call("POST", "/v1/queues", "{\"name\":\"f3\",\"contentBasedDeduplication\":true}"),
                "contentBasedDeduplication");
        assertBadRequest(call("POST", "/v1/queues", "{\"name\":\"f3.fifo\",\"contentBasedDeduplication\":\"yes\"}"),
                "contentBasedDeduplication must be true or false");
        assertBadRequest(call("POST", "/v1/queues", "{\"name\":\"f3.fifo\",\"deadLetterQueue\":\"f2\","
                + "\"maxReceiveCount\":2}"), "deadLetterQueue f2");
        assertBadRequest(send("f2.fifo", "{\"body\":\"x\"}"), "groupId is required");
        assertBadRequest(send("f2.fifo", "{\"body\":\"x\",\"groupId\":\"g\"}"), "deduplicationId is required");
        assertBadRequest(send("f2.fifo", "{\"body\":\"x\",\"groupId\":\"g\",\"deduplicationId\":\"d\",\"delay\":5}"),
                "delay");
        assertBadRequest(send("f2.fifo", "{\"body\":\"x\",\"groupId\":7,\"deduplicationId\":\"d\"}"),
                "message.groupId must be a string");
        assertBadRequest(send("f2", "{\"body\":\"x\",\"groupId\":\"g\"}"), "groupId");
        assertBadRequest(send("f2", "{\"body\":\"x\",\"traceparent\":\"nope\"}"), "traceparent");
        assertThat(node.admin("GET", "/v1/queues/f3.fifo").statusCode()).isEqualTo(404);
        assertThat(node.admin("GET", "/v1/queues/f3").statusCode()).isEqualTo(404);
        assertThat(receive("f2.fifo", "{\"maxMessages\":10}")).isEmpty();
        assertThat(receive("f2", "{\"maxMessages\":10}")).isEmpty();
    }

    private static void assertBadRequest(HttpResponse<String> r, String words) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).get("error").get("message").asText()).contains(words);
    }

    @Test
    void send_carriesTheRequestsTraceAndCorrelation_unlessTheMessageNamesItsOwn() {
        create("{\"name\":\"t1\"}");
        String header = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        String own = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        send("t1", "{\"body\":\"from headers\"}", "traceparent", header, "Gust-Correlation-Id", "corr-h");
        send("t1", "{\"body\":\"own\",\"traceparent\":\"" + own + "\",\"correlationId\":\"corr-own\"}",
                "traceparent", header, "Gust-Correlation-Id", "corr-h");
        send("t1", "{\"body\":\"bad header\"}", "traceparent", "garbage");

        JsonNode got = receive("t1", "{\"maxMessages\":10}");

        assertThat(got.findValuesAsText("traceparent")).containsExactly(header, own);
        assertThat(got.findValuesAsText("correlationId")).containsExactly("corr-h", "corr-own");
        assertThat(got.get(2).has("traceparent")).isFalse();
    }
}
