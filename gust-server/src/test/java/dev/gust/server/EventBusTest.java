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
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event bus on a real node: publishing in the three modes, rules deployed with the app,
 * delivery to function targets as async invocations, the archive and replay. Each test uses its
 * own event types so the tests do not see each other's deliveries.
 */
class EventBusTest {
    static final String APP = """
            app: bus
            functions:
              paid:
                runtime: java21
                handler: dev.gust.server.fixtures.Recorder
                code: code
              shaped:
                runtime: java21
                handler: dev.gust.server.fixtures.Recorder
                code: code
            rules:
              orders-paid:
                pattern:
                  type: [{prefix: order.paid}]
                  data: {total: [{numeric: ['>', 100]}]}
                targets:
                  - function: paid
              shaped:
                pattern: {type: [order.shaped]}
                targets: [{function: shaped}]
                input-transformer:
                  input-paths: {order: $.data.id}
                  input-template: '{"order": <order>, "rule": "<gust.events.rule-name>"}'
            """;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path data;
    static ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(data, clock);
        var deployed = node.deploy(APP);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static HttpResponse<String> publish(String contentType, String body, String... headers) {
        return node.admin("POST", "/v1/events", body.getBytes(StandardCharsets.UTF_8), contentType, headers);
    }

    static String structured(String id, String type, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/shop\",\"type\":\"" + type
                + "\",\"data\":" + data + "}";
    }

    static List<String> lines(String function) {
        var lines = json(node.admin("GET", "/v1/functions/" + function + "/logs?limit=1000")).get("lines");
        return StreamSupport.stream(lines.spliterator(), false).map(l -> l.get("message").asText()).toList();
    }

    static List<String> archivedIds(String query) {
        JsonNode events = json(node.admin("GET", "/v1/events?since=2026-01-01T00:00:00Z" + query)).get("events");
        return StreamSupport.stream(events.spliterator(), false).map(e -> e.get("event").get("id").asText()).toList();
    }

    @Test
    void publish_structured_answers202WithTheId_andTheMatchingRulesFunctionGetsTheEvent() {
        var res = publish("application/cloudevents+json", structured("o-1", "order.paid", "{\"total\":150}"),
                "Gust-Correlation-Id", "corr-o-1");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        assertThat(json(res).get("accepted")).extracting(JsonNode::asText).containsExactly("o-1");
        await().atMost(WAIT).untilAsserted(() -> assertThat(lines("paid")).anySatisfy(l -> assertThat(l)
                .contains("id=o-1", "type=order.paid", "total=150", "correlation=corr-o-1")));
        var record = node.records("paid").get(0);
        assertThat(record.get("trigger").asText()).isEqualTo("event");
    }

    @Test
    void publish_binary_takesTheCorrelationFromTheEventsExtension() {
        var res = publish("application/json", "{\"total\":500}", "ce-specversion", "1.0", "ce-id", "o-2",
                "ce-source", "/shop", "ce-type", "order.paid.binary", "ce-correlationid", "from-ext");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        await().atMost(WAIT).untilAsserted(() -> assertThat(lines("paid")).anySatisfy(l -> assertThat(l)
                .contains("id=o-2", "correlation=from-ext")));
    }

    @Test
    void publish_batch_acceptsEveryEvent_andOnlyMatchingOnesAreDelivered() {
        String batch = "[" + structured("b-1", "order.paid.batch", "{\"total\":101}") + ","
                + structured("b-2", "order.paid.batch", "{\"total\":99}") + "]";

        var res = publish("application/cloudevents-batch+json", batch);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        assertThat(json(res).get("accepted")).extracting(JsonNode::asText).containsExactly("b-1", "b-2");
        assertThat(archivedIds("&type=order.paid.batch")).containsExactly("b-1", "b-2");
        await().atMost(WAIT).untilAsserted(() -> assertThat(lines("paid")).anySatisfy(l -> assertThat(l)
                .contains("id=b-1")));
        assertThat(lines("paid")).noneSatisfy(l -> assertThat(l).contains("id=b-2"));
    }

    @Test
    void publish_withATransformer_deliversTheTransformedInput() {
        var res = publish("application/cloudevents+json", structured("s-1", "order.shaped", "{\"id\":42}"));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        await().atMost(WAIT).untilAsserted(() -> assertThat(lines("shaped")).anySatisfy(l -> assertThat(l)
                .contains("got {order=42, rule=shaped}")));
    }

    @Test
    void publish_malformedBatch_is400WithEveryProblem_andArchivesNothing() {
        String batch = "[" + structured("bad-1", "order.bad", "{}") + ",{\"specversion\":\"1.0\",\"id\":\"bad-2\"}]";

        var res = publish("application/cloudevents-batch+json", batch);

        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res).get("error").get("problems")).extracting(p -> p.get("path").asText())
                .contains("events[1].source", "events[1].type");
        assertThat(archivedIds("&type=order.bad")).isEmpty();
    }

    @Test
    void publish_oversizedEvent_is413_andArchivesNothing() {
        String big = "\"" + "x".repeat(300 * 1024) + "\"";

        var res = publish("application/cloudevents+json", structured("big-1", "order.big", big));

        assertThat(res.statusCode()).isEqualTo(413);
        assertThat(archivedIds("&type=order.big")).isEmpty();
    }

    @Test
    void replay_runsTheArchivedWindowThroughTheRuleAgain() {
        Instant before = clock.instant();
        publish("application/cloudevents+json", structured("r-1", "order.paid.replay", "{\"total\":300}"));
        await().atMost(WAIT).until(() -> lines("paid").stream().filter(l -> l.contains("id=r-1")).count() == 1);

        var res = node.admin("POST", "/v1/events/replays", ("{\"rule\":\"orders-paid\",\"from\":\"" + before
                + "\",\"to\":\"" + clock.instant().plusSeconds(1) + "\"}").getBytes(StandardCharsets.UTF_8),
                "application/json");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        await().atMost(WAIT).until(() -> lines("paid").stream().filter(l -> l.contains("id=r-1")).count() == 2);
    }

    @Test
    void replay_ofAnUnknownRuleOrABadWindow_isRefused() {
        var unknown = node.admin("POST", "/v1/events/replays",
                "{\"rule\":\"nope\",\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-02T00:00:00Z\"}"
                        .getBytes(StandardCharsets.UTF_8), "application/json");
        var backwards = node.admin("POST", "/v1/events/replays",
                "{\"rule\":\"orders-paid\",\"from\":\"2026-01-02T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}"
                        .getBytes(StandardCharsets.UTF_8), "application/json");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").get("message").asText()).startsWith("rule:");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(json(backwards).get("error").get("message").asText()).startsWith("to:");
    }

    @Test
    void deploy_withAnInvalidPattern_isRefusedWithTheReason_andKeepsTheOldRules() {
        var res = node.deploy(APP.replace("{prefix: order.paid}", "{prefix: 5}"));

        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("rules.orders-paid.pattern", "prefix match pattern must be a string");
        publish("application/cloudevents+json", structured("k-1", "order.paid.kept", "{\"total\":150}"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(lines("paid")).anySatisfy(l -> assertThat(l)
                .contains("id=k-1")));
    }

    @Test
    void deploy_withATargetFunctionThatDoesNotExist_isRefused() {
        var res = node.deploy(APP.replace("- function: paid", "- function: ghost"));

        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("rules.orders-paid.targets", "no function named ghost");
    }
}
