package dev.gust.server;

import static dev.gust.server.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** The app and workflow definitions the workflow tests deploy, and waits on executions. */
final class Flows {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String APP = """
            app: flows
            functions:
              echo:
                runtime: java21
                handler: dev.gust.server.fixtures.Echo
                code: code
              fail:
                runtime: java21
                handler: dev.gust.server.fixtures.Fail
                code: code
            queues:
              relayed:
            workflows:
              relay: {definition: relay.asl.json}
              greet: {definition: greet.asl.json}
              flaky: {definition: flaky.asl.json}
              callback: {definition: callback.asl.json}
              parent: {definition: parent.asl.json}
              nap: {definition: nap.asl.json}
            """;
    static final Map<String, String> FILES = Map.of(
            "greet.asl.json", """
                    {"StartAt": "Greet", "States": {
                      "Greet": {"Type": "Task", "Resource": "gust:function:echo", "End": true}}}
                    """,
            "flaky.asl.json", """
                    {"StartAt": "Try", "States": {
                      "Try": {"Type": "Task", "Resource": "gust:function:fail",
                        "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 1}],
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recovered", "ResultPath": "$.error"}],
                        "End": true},
                      "Recovered": {"Type": "Pass", "End": true}}}
                    """,
            "callback.asl.json", """
                    {"StartAt": "Ask", "States": {
                      "Ask": {"Type": "Task", "Resource": "gust:function:echo.waitForTaskToken",
                        "Parameters": {"token.$": "$$.Task.Token", "order.$": "$.order"}, "End": true}}}
                    """,
            "parent.asl.json", """
                    {"StartAt": "Child", "States": {
                      "Child": {"Type": "Task", "Resource": "gust:workflow:greet.sync", "End": true}}}
                    """,
            "relay.asl.json", """
                    {"StartAt": "Send", "States": {
                      "Send": {"Type": "Task", "Resource": "gust:queue:relayed", "ResultPath": "$.sent", "Next": "Announce"},
                      "Announce": {"Type": "Task", "Resource": "gust:events", "ResultPath": "$.published", "End": true,
                        "Parameters": {"source": "/flows", "type": "relay.done", "data": {"n.$": "$.n"}}}}}
                    """,
            "nap.asl.json", """
                    {"StartAt": "Nap", "States": {
                      "Nap": {"Type": "Wait", "Seconds": 3600, "Next": "Greet"},
                      "Greet": {"Type": "Task", "Resource": "gust:function:echo", "End": true}}}
                    """);

    private Flows() {
    }

    static String start(TestNode node, String workflow, String body) {
        var res = node.post("/v1/workflows/" + workflow + "/executions", body);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        return json(res).get("executionId").asText();
    }

    /** @return the execution's description once it has left RUNNING */
    static JsonNode awaitFinished(TestNode node, String executionId) {
        var seen = new AtomicReference<JsonNode>();
        await().atMost(WAIT).untilAsserted(() -> {
            seen.set(json(node.admin("GET", "/v1/executions/" + executionId)));
            assertThat(seen.get().get("status").asText()).isNotEqualTo("RUNNING");
        });
        return seen.get();
    }

    /** @return the first history event of {@code type}, once it is there */
    static JsonNode awaitEvent(TestNode node, String executionId, String type) {
        var seen = new AtomicReference<JsonNode>();
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode events = json(node.admin("GET", "/v1/executions/" + executionId + "/history")).get("events");
            JsonNode found = null;
            for (JsonNode e : events) {
                if (found == null && e.get("type").asText().equals(type)) {
                    found = e;
                }
            }
            assertThat(found).as("a %s event in %s", type, events).isNotNull();
            seen.set(found);
        });
        return seen.get();
    }
}
