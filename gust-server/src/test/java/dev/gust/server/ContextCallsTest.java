package dev.gust.server;

import static dev.gust.server.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Functions calling the platform through their context on a real node: a queue send, an event
 * publish, a sync and an async invocation, each recorded as child work of the caller and carrying
 * its correlation id; and calls that fail, each with its error type.
 */
class ContextCallsTest {
    static final String APP = """
            app: chain
            functions:
              front:
                runtime: java21
                handler: dev.gust.server.fixtures.Chain
                code: code
                concurrency: {max: 2}
              echo:
                runtime: java21
                handler: dev.gust.server.fixtures.Echo
                code: code
              later:
                runtime: java21
                handler: dev.gust.server.fixtures.Recorder
                code: code
              fail:
                runtime: java21
                handler: dev.gust.server.fixtures.Fail
                code: code
            queues:
              outbox:
            rules:
              chain-done:
                pattern: {type: [chain.done]}
                targets: [{function: later}]
            """;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path data;
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(data);
        var deployed = node.deploy(APP);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static JsonNode chain(String correlationId) {
        HttpResponse<String> r = node.invoke("front", "{\"mode\":\"all\"}", "Gust-Correlation-Id", correlationId);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ((com.fasterxml.jackson.databind.node.ObjectNode) json(r)).put("invocationId",
                r.headers().firstValue("Gust-Invocation-Id").orElseThrow());
    }

    static JsonNode byCorrelation(String correlationId) {
        return json(node.admin("GET", "/v1/invocations?correlationId=" + correlationId)).get("invocations");
    }

    static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }

    @Test
    void calls_fromAFunction_areRecordedAsItsChildrenInOrderWithTheIdsTheyMade() {
        JsonNode out = chain("chain-children");
        JsonNode record = json(node.admin("GET", "/v1/invocations/" + out.get("invocationId").asText()));
        JsonNode children = record.get("children");

        assertThat(texts(children, "kind")).containsExactly("queue.send", "events.publish", "function.invoke",
                "function.invokeAsync");
        assertThat(texts(children, "target")).containsExactly("outbox", "/chain chain.done", "echo", "later");
        assertThat(texts(children, "ok")).containsOnly("true");
        assertThat(children.get(0).get("id").asText()).isEqualTo(out.get("messageId").asText());
        assertThat(children.get(1).get("id").asText()).isEqualTo(out.get("eventId").asText());
        assertThat(children.get(3).get("id").asText()).isEqualTo(out.get("asyncId").asText());
        String echoId = children.get(2).get("id").asText();
        JsonNode echo = json(node.admin("GET", "/v1/invocations/" + echoId));
        assertThat(echo.get("trigger").asText()).isEqualTo("function");
        assertThat(echo.get("traceId").asText()).isEqualTo(record.get("traceId").asText());
        assertThat(echo.get("children")).isEmpty();
    }

    @Test
    void correlationId_followsEveryHop_andTheQueryFindsTheWholeChain() {
        JsonNode out = chain("chain-all");
        assertThat(out.at("/echo/correlationId").asText()).isEqualTo("chain-all");
        assertThat(out.at("/echo/input").toString()).isEqualTo("{\"id\":\"o-1\",\"cents\":250}");
        String asyncId = out.get("asyncId").asText();

        // front, echo (sync), later (async) and later again (the rule matching the published event)
        await().atMost(WAIT).until(() -> byCorrelation("chain-all").size() == 4);
        JsonNode chain = byCorrelation("chain-all");
        assertThat(texts(chain, "function")).containsExactlyInAnyOrder("front", "echo", "later", "later");
        assertThat(texts(chain, "id")).contains(out.get("invocationId").asText(), asyncId);
        assertThat(texts(chain, "correlationId")).containsOnly("chain-all");
        assertThat(texts(chain, "traceId")).containsOnly(chain.get(0).get("traceId").asText());
        assertThat(byCorrelation("nobody-has-this")).isEmpty();
    }

    @Test
    void queueSend_fromAFunction_putsTheMessageOnTheQueue() {
        chain("chain-queue");
        HttpResponse<String> r = node.admin("POST", "/v1/queues/outbox/receive",
                "{\"maxMessages\":10}".getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("parcel");
    }

    @Test
    void failedCalls_reachTheHandlerAsGustCallExceptionsWithTheirTypeAndAreRecorded() {
        HttpResponse<String> r = node.invoke("front", "{\"mode\":\"failures\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode result = json(r);
        List<String> lines = StreamSupport.stream(result.spliterator(), false).map(JsonNode::asText).toList();
        assertThat(lines).hasSize(9);
        assertThat(lines.get(0)).startsWith("QueueDoesNotExist: queue.send: no queue named no-such-queue");
        assertThat(lines.get(1)).isEqualTo("FunctionNotFound: no function named no-such-function on this node");
        assertThat(lines.get(2)).isEqualTo("FunctionNotFound: no function named no-such-function on this node");
        assertThat(lines.get(3)).startsWith("IllegalStateException: fail failed (invocation ").endsWith("asked to fail");
        assertThat(lines.get(4)).startsWith("PayloadTooLarge: queue.send: ");
        assertThat(lines.get(5)).startsWith("PayloadTooLarge: events.publish: ");
        assertThat(lines.get(6)).startsWith("InvalidRequest: events.publish: source: must be a non-empty string");
        assertThat(lines.get(7)).startsWith("PayloadTooLarge: input: is 300002 bytes as JSON; at most 262144");
        assertThat(lines.get(8)).startsWith("InvalidRequest: function.invokeAsync: idempotencyKey: must be 1..255");

        JsonNode children = json(node.admin("GET", "/v1/invocations/"
                + r.headers().firstValue("Gust-Invocation-Id").orElseThrow())).get("children");
        assertThat(texts(children, "ok")).containsOnly("false");
        assertThat(texts(children, "errorType")).containsExactly("QueueDoesNotExist", "FunctionNotFound",
                "FunctionNotFound", "IllegalStateException", "PayloadTooLarge", "PayloadTooLarge", "InvalidRequest",
                "PayloadTooLarge", "InvalidRequest");
        assertThat(children.get(3).has("id")).as("the failed callee's invocation is named").isTrue();
    }

    @Test
    void invocationsList_withAMalformedCorrelationId_isRefusedNamingTheParameter() {
        HttpResponse<String> r = node.admin("GET", "/v1/invocations?correlationId=has%20space");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("correlationId: must be 1..128 characters");
    }
}
