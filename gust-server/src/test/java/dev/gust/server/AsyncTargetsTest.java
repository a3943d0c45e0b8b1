package dev.gust.server;

import static dev.gust.server.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue targets on a real node: rules and async destinations that send to queues, and the deploy
 * checks that refuse a target queue that will not exist. Each test uses its own queue.
 */
class AsyncTargetsTest {
    static final String APP = """
            app: targets
            functions:
              works:
                runtime: java21
                handler: dev.gust.server.fixtures.Fail
                code: code
                async: {on-success: {queue: successes}}
              breaks:
                runtime: java21
                handler: dev.gust.server.fixtures.Fail
                code: code
                async: {max-retries: 0, on-failure: {queue: Failures_1}}
            queues:
              orders:
              shaped:
              successes:
              Failures_1:
              audit.fifo:
            rules:
              to-fifo:
                pattern: {type: [order.audited]}
                targets: [{queue: audit.fifo}]
              to-queue:
                pattern: {type: [order.queued]}
                targets: [{queue: orders}]
              shaped:
                pattern: {type: [order.shaped]}
                targets: [{queue: shaped}]
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

    static void publish(String body, String... headers) {
        var res = node.admin("POST", "/v1/events", body.getBytes(StandardCharsets.UTF_8),
                "application/cloudevents+json", headers);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
    }

    /** Receives until a message arrives (the delivery is asynchronous). @return its body as JSON */
    static JsonNode awaitMessage(String queue) {
        var body = new AtomicReference<JsonNode>();
        await().atMost(WAIT).untilAsserted(() -> {
            var got = json(node.admin("POST", "/v1/queues/" + queue + "/receive",
                    "{\"maxMessages\":10}".getBytes(StandardCharsets.UTF_8), "application/json")).get("messages");
            assertThat(got).hasSize(1);
            body.set(TestNode.JSON.readTree(got.get(0).get("body").asText()));
        });
        return body.get();
    }

    static String acceptedId(String function, String payload) {
        var res = node.invoke(function, payload, "Gust-Invocation-Type", "event", "Gust-Correlation-Id", "corr-" + function);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        return json(res).get("invocationId").asText();
    }

    @Test
    void ruleWithAQueueTarget_sendsTheEventAsTheMessage_keepingItsCorrelationId() {
        publish("{\"specversion\":\"1.0\",\"id\":\"q-1\",\"source\":\"/shop\",\"type\":\"order.queued\","
                + "\"correlationid\":\"corr-q-1\",\"data\":{\"total\":5}}");

        JsonNode message = awaitMessage("orders");

        assertThat(message.get("id").asText()).isEqualTo("q-1");
        assertThat(message.get("type").asText()).isEqualTo("order.queued");
        assertThat(message.get("correlationid").asText()).isEqualTo("corr-q-1");
        assertThat(message.get("data").get("total").asInt()).isEqualTo(5);
    }

    @Test
    void ruleWithAFifoQueueTarget_sendsInTheRulesGroup_deduplicatedByTheDelivery_carryingTheCorrelationId() {
        publish("{\"specversion\":\"1.0\",\"id\":\"f-1\",\"source\":\"/shop\",\"type\":\"order.audited\","
                + "\"correlationid\":\"corr-f-1\",\"data\":{\"n\":1}}");
        publish("{\"specversion\":\"1.0\",\"id\":\"f-2\",\"source\":\"/shop\",\"type\":\"order.audited\","
                + "\"correlationid\":\"corr-f-2\",\"data\":{\"n\":2}}");

        var received = new ArrayList<JsonNode>();
        await().atMost(WAIT).untilAsserted(() -> {
            var got = json(node.admin("POST", "/v1/queues/audit.fifo/receive",
                    "{\"maxMessages\":10}".getBytes(StandardCharsets.UTF_8), "application/json")).get("messages");
            got.forEach(received::add);
            got.forEach(m -> node.admin("DELETE", "/v1/queues/audit.fifo/messages/" + m.get("receiptHandle").asText(),
                    new byte[0], "application/json"));
            assertThat(received).hasSize(2);
        });

        assertThat(received).allSatisfy(m -> {
            assertThat(m.get("groupId").asText()).isEqualTo("to-fifo");
            assertThat(m.get("deduplicationId").asText()).isNotBlank();
        });
        assertThat(received).extracting(m -> m.get("correlationId").asText()).containsExactlyInAnyOrder("corr-f-1", "corr-f-2"); // two deliveries race
        assertThat(received.get(0).get("deduplicationId").asText())
                .isNotEqualTo(received.get(1).get("deduplicationId").asText());
    }

    @Test
    void ruleWithATransformer_sendsTheTransformedInputToTheQueue() {
        publish("{\"specversion\":\"1.0\",\"id\":\"s-1\",\"source\":\"/shop\",\"type\":\"order.shaped\","
                + "\"data\":{\"id\":42}}");

        JsonNode message = awaitMessage("shaped");

        assertThat(message).isEqualTo(TestNode.JSON.createObjectNode().put("order", 42).put("rule", "shaped"));
    }

    @Test
    void onSuccessQueue_getsTheDestinationRecord() {
        String id = acceptedId("works", "{\"mode\":\"ok\"}");

        JsonNode record = awaitMessage("successes");

        assertThat(record.get("requestContext").get("requestId").asText()).isEqualTo(id);
        assertThat(record.get("requestContext").get("functionName").asText()).isEqualTo("works");
        assertThat(record.get("requestContext").get("condition").asText()).isEqualTo("Success");
        assertThat(record.get("requestPayload").get("mode").asText()).isEqualTo("ok");
        assertThat(record.get("responsePayload").get("ok").asBoolean()).isTrue();
    }

    @Test
    void onFailureQueue_getsTheRecordOfTheInvocationGivenUpOn() {
        String id = acceptedId("breaks", "{\"mode\":\"throw\"}");

        JsonNode record = awaitMessage("Failures_1");

        assertThat(record.get("requestContext").get("requestId").asText()).isEqualTo(id);
        assertThat(record.get("requestContext").get("condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.get("requestContext").get("approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(record.get("responsePayload").get("errorType").asText()).isEqualTo("IllegalStateException");
        assertThat(json(node.admin("GET", "/v1/async-invocations/" + id)).get("targetKind").asText())
                .isEqualTo("function");
    }

    @Test
    void deploy_namingQueuesThatWillNotExist_is400NamingEachField_andDeploysNothing() {
        var res = node.deploy("""
                app: strays
                functions:
                  stray:
                    runtime: java21
                    handler: dev.gust.server.fixtures.Recorder
                    code: code
                    async: {on-failure: {queue: nowhere}}
                queues:
                  declared-here:
                rules:
                  lost:
                    pattern: {type: [lost]}
                    targets: [{queue: declared-here}, {queue: missing}]
                schedules:
                  lost-tick: {expression: rate(1 hour), target: {queue: absent}}
                """);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        List<String> paths = new ArrayList<>();
        json(res).get("error").get("problems").forEach(p -> paths.add(p.get("path").asText()));
        assertThat(paths).containsExactlyInAnyOrder("schedules.lost-tick.target.queue",
                "functions.stray.async.on-failure.queue");
        assertThat(res.body()).contains("no queue named absent").contains("no queue named nowhere");
        assertThat(node.admin("GET", "/v1/functions/stray").statusCode()).isEqualTo(404);
        assertThat(node.admin("GET", "/v1/queues/declared-here").statusCode()).isEqualTo(404);
        assertThat(json(node.admin("GET", "/v1/schedules")).get("schedules")).isEmpty();
    }

    @Test
    void deploy_withARuleNamingAMissingQueue_is400AtTheTargetsPath() {
        var res = node.deploy("""
                app: strays
                functions:
                  stray:
                    runtime: java21
                    handler: dev.gust.server.fixtures.Recorder
                    code: code
                rules:
                  lost:
                    pattern: {type: [lost]}
                    targets: [{function: stray}, {queue: missing}]
                """);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        assertThat(json(res).get("error").get("problems")).singleElement().satisfies(p -> {
            assertThat(p.get("path").asText()).isEqualTo("rules.lost.targets[1].queue");
            assertThat(p.get("message").asText()).startsWith("no queue named missing");
        });
        assertThat(node.admin("GET", "/v1/functions/stray").statusCode()).isEqualTo(404);
    }

    @Test
    void deploy_withAWorkflowTargetNamingNoWorkflow_isRefusedAtItsPath() {
        var res = node.deploy(APP.replace("targets: [{queue: orders}]", "targets: [{workflow: ship}]"));

        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("rules.to-queue.targets[0].workflow")
                .contains("no workflow named ship on this node or in this app");
    }
}
