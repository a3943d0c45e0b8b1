package dev.gust.server;

import static dev.gust.server.Flows.awaitEvent;
import static dev.gust.server.Flows.awaitFinished;
import static dev.gust.server.Flows.start;
import static dev.gust.server.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workflows deployed with an app and run on a real node through the admin API. */
class WorkflowsTest {
    @TempDir
    static Path data;
    static TestNode node;

    @BeforeAll
    static void deploy() throws Exception {
        node = TestNode.start(data);
        var res = node.deploy(Flows.APP, Flows.FILES);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(json(res).get("workflows")).hasSize(6);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void deploy_withWorkflows_listsThemWithDefinitionAndRevision() {
        JsonNode list = json(node.admin("GET", "/v1/workflows")).get("workflows");
        assertThat(list).extracting(w -> w.get("name").asText())
                .containsExactly("callback", "flaky", "greet", "nap", "parent", "relay");
        JsonNode greet = json(node.admin("GET", "/v1/workflows/greet"));
        assertThat(greet.get("app").asText()).isEqualTo("flows");
        assertThat(greet.get("revision").asText()).hasSize(64);
        assertThat(greet.at("/definition/States/Greet/Resource").asText()).isEqualTo("gust:function:echo");
        assertThat(node.admin("GET", "/v1/workflows/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void deploy_whenTaskNamesUnknownFunction_refusesAtItsPointerAndDeploysNothing() {
        String yaml = """
                app: broken
                functions:
                  solo: {runtime: java21, handler: dev.gust.server.fixtures.Echo, code: code}
                workflows:
                  lost: {definition: lost.asl.json}
                """;
        var res = node.deploy(yaml, Map.of("lost.asl.json", """
                {"StartAt": "Go", "States": {"Go": {"Type": "Task", "Resource": "gust:function:ghost", "End": true}}}
                """));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        JsonNode problem = json(res).at("/error/problems/0");
        assertThat(problem.get("path").asText()).isEqualTo("workflows.lost.definition/States/Go/Resource");
        assertThat(problem.get("message").asText()).contains("no function named ghost");
        assertThat(node.admin("GET", "/v1/workflows/lost").statusCode()).isEqualTo(404);
        assertThat(node.admin("GET", "/v1/functions/solo").statusCode()).isEqualTo(404);
    }

    @Test
    void deploy_droppingAWorkflowAnotherAppStillStarts_is400NamingTheUser_untilThatUserIsGone() {
        String pass = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}";
        String keeper = """
                app: keeper
                functions:
                  keeper-fn: {runtime: java21, handler: dev.gust.server.fixtures.Echo, code: code}
                """;
        String caller = """
                app: caller
                functions:
                  caller-fn: {runtime: java21, handler: dev.gust.server.fixtures.Echo, code: code}
                """;
        assertThat(node.deploy(keeper + "workflows:\n  kept: {definition: kept.asl.json}\n",
                Map.of("kept.asl.json", pass)).statusCode()).isEqualTo(200);
        assertThat(node.deploy(caller + "rules:\n  to-kept:\n    pattern: {type: [kept.please]}\n"
                + "    targets: [{workflow: kept}]\n", Map.of()).statusCode()).isEqualTo(200);

        var refused = node.deploy(keeper, Map.of());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json(refused).at("/error/problems/0/message").asText())
                .contains("the workflow kept is dropped", "rule to-kept (app caller)");
        assertThat(node.admin("GET", "/v1/workflows/kept").statusCode()).isEqualTo(200);
        assertThat(node.deploy(caller, Map.of()).statusCode()).isEqualTo(200);
        assertThat(node.deploy(keeper, Map.of()).statusCode()).isEqualTo(200);
        assertThat(node.admin("GET", "/v1/workflows/kept").statusCode()).isEqualTo(404);
    }

    @Test
    void deploy_whenWorkflowBelongsToAnotherApp_isAConflict() {
        var res = node.deploy("""
                app: other
                functions:
                  other-echo: {runtime: java21, handler: dev.gust.server.fixtures.Echo, code: code}
                workflows:
                  greet: {definition: g.asl.json}
                """,
                Map.of("g.asl.json", Flows.FILES.get("greet.asl.json")));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(409);
        assertThat(json(res).at("/error/message").asText()).contains("belongs to app flows");
    }

    @Test
    void start_runsTheFunction_describeShowsSucceededWithItsOutputAndCorrelation() {
        var res = node.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.server.adminPort()
                        + "/v1/workflows/greet/executions"))
                .header("Authorization", "Bearer " + node.server.adminToken())
                .header("Gust-Correlation-Id", "order-77")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\": {\"who\": \"Ada\"}}")));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        String id = json(res).get("executionId").asText();

        JsonNode done = awaitFinished(node, id);
        assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.at("/output/input/who").asText()).isEqualTo("Ada");
        assertThat(done.at("/output/correlationId").asText()).isEqualTo("order-77");
        assertThat(done.get("states")).singleElement().satisfies(s -> {
            assertThat(s.get("name").asText()).isEqualTo("Greet");
            assertThat(s.get("status").asText()).isEqualTo("SUCCEEDED");
        });
        JsonNode record = json(node.admin("GET", "/v1/invocations?correlationId=order-77")).at("/invocations/0");
        assertThat(record.get("function").asText()).isEqualTo("echo");
        assertThat(record.get("trigger").asText()).isEqualTo("workflow");
    }

    @Test
    void task_whenFunctionKeepsFailing_isRetriedThenCaught() {
        String id = start(node, "flaky", "{\"input\": {\"mode\": \"throw\"}}");

        JsonNode done = awaitFinished(node, id);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.at("/output/error/Error").asText()).contains("IllegalStateException");
        JsonNode tried = done.get("states").get(0);
        assertThat(tried.get("name").asText()).isEqualTo("Try");
        assertThat(tried.get("status").asText()).isEqualTo("CAUGHT");
        assertThat(tried.get("retries").asInt()).isEqualTo(1);
        assertThat(json(node.admin("GET", "/v1/executions/" + id + "/history")).get("events"))
                .extracting(e -> e.get("type").asText())
                .contains("TaskFailed", "RetryScheduled", "ErrorCaught", "ExecutionSucceeded");
    }

    @Test
    void start_withSameNameAndInput_returnsTheSameExecution_otherInputIsAConflict() {
        String body = "{\"name\": \"order-1\", \"input\": {\"n\": 1}}";
        String id = start(node, "greet", body);
        var again = node.post("/v1/workflows/greet/executions", body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("executionId").asText()).isEqualTo(id);

        var other = node.post("/v1/workflows/greet/executions", "{\"name\": \"order-1\", \"input\": {\"n\": 2}}");
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(json(other).at("/error/type").asText()).isEqualTo("ExecutionAlreadyExists");
    }

    @Test
    void start_withBadRequests_isRefusedNamingTheProblem() {
        assertThat(node.post("/v1/workflows/nope/executions", "{}").statusCode()).isEqualTo(404);
        var badJson = node.post("/v1/workflows/greet/executions", "{not json");
        assertThat(badJson.statusCode()).isEqualTo(400);
        var badName = node.post("/v1/workflows/greet/executions", "{\"name\": \"has space\"}");
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(json(badName).at("/error/message").asText()).startsWith("name:");
        assertThat(node.admin("GET", "/v1/executions?status=sleepy").statusCode()).isEqualTo(400);
        assertThat(node.admin("GET", "/v1/executions/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void stop_abortsARunningExecution_andASecondStopChangesNothing() {
        String id = start(node, "nap", "{}");
        awaitEvent(node, id, "WaitStarted");

        var stopped = node.post("/v1/executions/" + id + "/stop", "{\"error\": \"Cancelled\", \"cause\": \"by test\"}");
        assertThat(json(stopped).get("stopped").asBoolean()).isTrue();
        JsonNode done = json(node.admin("GET", "/v1/executions/" + id));
        assertThat(done.get("status").asText()).isEqualTo("ABORTED");
        assertThat(done.get("error").asText()).isEqualTo("Cancelled");
        assertThat(json(node.post("/v1/executions/" + id + "/stop", "{}")).get("stopped").asBoolean()).isFalse();
        assertThat(json(node.admin("GET", "/v1/executions?workflow=nap&status=ABORTED")).get("executions"))
                .extracting(e -> e.get("executionId").asText()).contains(id);
    }

    @Test
    void waitForTaskToken_isCompletedThroughTheApi_andASecondCompletionIsAConflict() {
        String id = start(node, "callback", "{\"input\": {\"order\": 9}}");
        String token = awaitEvent(node, id, "TaskScheduled").at("/details/token").asText();
        await().atMost(Flows.WAIT).untilAsserted(() -> assertThat(node.records("echo"))
                .anySatisfy(r -> assertThat(r.get("trigger").asText()).isEqualTo("event")));

        var ok = node.post("/v1/task-tokens/success", "{\"taskToken\": \"" + token + "\", \"output\": {\"approved\": true}}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode done = awaitFinished(node, id);
        assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.at("/output/approved").asBoolean()).isTrue();
        var late = node.post("/v1/task-tokens/failure", "{\"taskToken\": \"" + token + "\", \"error\": \"No\"}");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(node.post("/v1/task-tokens/heartbeat", "{\"taskToken\": \"unknown\"}").statusCode()).isEqualTo(404);
        assertThat(node.post("/v1/task-tokens/success", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void nestedSyncWorkflow_finishesWithTheChildsOutput() {
        String id = start(node, "parent", "{\"input\": {\"who\": \"Grace\"}}");

        JsonNode done = awaitFinished(node, id);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.at("/output/input/who").asText()).isEqualTo("Grace");
        assertThat(json(node.admin("GET", "/v1/executions?workflow=greet&limit=1000")).get("executions"))
                .anySatisfy(e -> {
                    assertThat(e.get("name").asText()).hasSize(64);
                    assertThat(e.get("parentExecutionId").asText()).isEqualTo(id);
                });
    }

    @Test
    void queueAndEventTasks_sendTheInputAndPublishAnEvent() {
        String id = start(node, "relay", "{\"input\": {\"n\": 5}}");

        JsonNode done = awaitFinished(node, id);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.at("/output/sent/MessageId").asText()).isNotEmpty();
        String eventId = done.at("/output/published/EventId").asText();
        JsonNode got = json(node.post("/v1/queues/relayed/receive", "{\"maxMessages\": 10}")).get("messages");
        assertThat(got).singleElement().satisfies(m -> assertThat(m.get("body").asText()).isEqualTo("{\"n\":5}"));
        JsonNode events = json(node.admin("GET", "/v1/events?type=relay.done&since=1h")).get("events");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.at("/event/id").asText()).isEqualTo(eventId);
            assertThat(e.at("/event/data/n").asInt()).isEqualTo(5);
            assertThat(e.at("/event/source").asText()).isEqualTo("/flows");
        });
    }

    @Test
    void removeFunction_whileAWorkflowInvokesIt_isRefusedNamingTheWorkflow() {
        var res = node.admin("DELETE", "/v1/functions/echo");

        assertThat(res.statusCode()).isEqualTo(409);
        assertThat(json(res).at("/error/message").asText()).contains("workflow greet (app flows)");
    }
}
