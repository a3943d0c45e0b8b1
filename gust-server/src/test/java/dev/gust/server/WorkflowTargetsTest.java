package dev.gust.server;

import static dev.gust.server.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.store.Store;
import dev.gust.store.WorkflowDefinition;
import dev.gust.store.sqlite.SqliteStore;
import dev.gust.testing.ManualClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * Workflows as targets on a real node: a rule, a schedule and a function's context start executions;
 * deploy refuses targets naming no workflow. The workflow is put in the node's store before it starts
 * (as another app's), and executions are read from the store's file, read-only.
 */
class WorkflowTargetsTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String APP = """
            app: flows
            functions:
              starter:
                runtime: java21
                handler: dev.gust.server.fixtures.StartFlow
                code: code
            """;

    @TempDir
    Path data;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));

    /** One execution as the store keeps it. */
    record Run(String id, String name, String input, String status, String correlationId, String traceparent) {
    }

    private TestNode startWithGreet() throws Exception {
        try (Store store = SqliteStore.open(data.resolve("gust.db"), clock)) {
            store.workflows().putAll("shared", List.of(new WorkflowDefinition("greet", "shared",
                    AsyncWorkflowDeliveryTest.PASS, clock.instant())));
        }
        return TestNode.start(data, clock);
    }

    private List<Run> executions(String workflow) throws SQLException {
        var config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        List<Run> out = new ArrayList<>();
        try (var c = config.createConnection("jdbc:sqlite:" + data.resolve("gust.db"));
                var ps = c.prepareStatement("SELECT id, name, input, status, correlation_id, traceparent"
                        + " FROM workflow_executions WHERE workflow = ? ORDER BY started_ns, id")) {
            ps.setString(1, workflow);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Run(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
        }
        return out;
    }

    private static void deployed(HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    }

    @Test
    void rule_withAWorkflowTarget_startsOneExecutionWithTheEventAsInput_keepingItsCorrelationId() throws Exception {
        try (TestNode node = startWithGreet()) {
            deployed(node.deploy(APP + """
                    rules:
                      greetings:
                        pattern: {type: [person.arrived]}
                        targets: [{workflow: greet}]
                    """));

            var res = node.admin("POST", "/v1/events", """
                    {"specversion": "1.0", "id": "e-1", "source": "/door", "type": "person.arrived",
                     "datacontenttype": "application/json", "data": {"name": "Ada"}}""".getBytes(StandardCharsets.UTF_8),
                    "application/cloudevents+json", "Gust-Correlation-Id", "arrivals-1");
            assertThat(res.statusCode()).as(res.body()).isEqualTo(202);

            await().atMost(WAIT).until(() -> executions("greet").size() == 1
                    && executions("greet").getFirst().status().equals("SUCCEEDED"));
            Run run = executions("greet").getFirst();
            JsonNode input = TestNode.JSON.readTree(run.input());
            assertThat(input.get("id").asText()).isEqualTo("e-1");
            assertThat(input.at("/data/name").asText()).isEqualTo("Ada");
            assertThat(run.correlationId()).isEqualTo("arrivals-1");
        }
    }

    @Test
    void schedule_withAWorkflowTarget_startsOneExecutionPerSlot_withTheScheduleInput() throws Exception {
        try (TestNode node = startWithGreet()) {
            deployed(node.deploy(APP + """
                    schedules:
                      hourly-greeting: {expression: rate(1 hour), target: {workflow: greet}, input: {name: Grace}}
                    """));

            clock.advance(Duration.ofHours(1));
            await().atMost(WAIT).until(() -> executions("greet").size() == 1);
            clock.advance(Duration.ofHours(1));
            await().atMost(WAIT).until(() -> executions("greet").size() == 2);

            await().atMost(WAIT).until(() -> executions("greet").stream().allMatch(r -> r.status().equals("SUCCEEDED")));
            List<Run> runs = executions("greet");
            assertThat(runs).extracting(Run::input).containsOnly("{\"name\":\"Grace\"}");
            assertThat(runs).extracting(Run::name).doesNotHaveDuplicates();
            assertThat(runs).extracting(Run::correlationId).doesNotHaveDuplicates();
        }
    }

    @Test
    void function_startingAWorkflowThroughItsContext_recordsChildWork_andTheExecutionCarriesItsCorrelation()
            throws Exception {
        try (TestNode node = startWithGreet()) {
            deployed(node.deploy(APP));

            var res = node.invoke("starter", "{\"workflow\": \"greet\", \"input\": {\"name\": \"Lin\"}}",
                    "Gust-Correlation-Id", "order-77");
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            String executionId = json(res).get("executionId").asText();
            String invocationId = res.headers().firstValue("Gust-Invocation-Id").orElseThrow();

            await().atMost(WAIT).until(() -> json(node.admin("GET", "/v1/invocations/" + invocationId))
                    .path("children").size() == 1);
            JsonNode child = json(node.admin("GET", "/v1/invocations/" + invocationId)).get("children").get(0);
            assertThat(child.get("kind").asText()).isEqualTo("workflow.start");
            assertThat(child.get("target").asText()).isEqualTo("greet");
            assertThat(child.get("id").asText()).isEqualTo(executionId);
            assertThat(child.get("ok").asBoolean()).isTrue();

            Run run = executions("greet").getFirst();
            assertThat(run.id()).isEqualTo(executionId);
            assertThat(run.input()).isEqualTo("{\"name\":\"Lin\"}");
            assertThat(run.correlationId()).isEqualTo("order-77");
            assertThat(run.traceparent()).contains(json(res).get("traceId").asText());
        }
    }

    @Test
    void function_startingByName_getsTheSameExecutionOnARepeat_andConflictsOrMissesAreItsErrors() throws Exception {
        try (TestNode node = startWithGreet()) {
            deployed(node.deploy(APP));
            String named = "{\"workflow\": \"greet\", \"name\": \"order-1\", \"input\": {\"name\": \"%s\"}}";

            JsonNode first = json(node.invoke("starter", named.formatted("Ada")));
            JsonNode repeat = json(node.invoke("starter", named.formatted("Ada")));
            JsonNode other = json(node.invoke("starter", named.formatted("Bob")));
            JsonNode missing = json(node.invoke("starter", "{\"workflow\": \"no-such-flow\", \"input\": {}}"));

            assertThat(repeat.get("executionId").asText()).isEqualTo(first.get("executionId").asText());
            assertThat(other.get("errorType").asText()).isEqualTo("ExecutionAlreadyExists");
            assertThat(other.get("message").asText()).contains(first.get("executionId").asText(), "order-1");
            assertThat(missing.get("errorType").asText()).isEqualTo("WorkflowNotFound");
            assertThat(executions("greet")).singleElement().extracting(Run::name).isEqualTo("order-1");
        }
    }

    @Test
    void asyncDestination_onAWorkflow_startsAnExecutionWithTheDestinationRecord() throws Exception {
        try (TestNode node = startWithGreet()) {
            deployed(node.deploy(APP + """
                      echo:
                        runtime: java21
                        handler: dev.gust.server.fixtures.Echo
                        code: code
                        async: {on-success: {workflow: greet}}
                    """));

            var res = node.invoke("echo", "{\"n\": 1}", "Gust-Invocation-Type", "event",
                    "Gust-Correlation-Id", "echoes-1");
            assertThat(res.statusCode()).as(res.body()).isEqualTo(202);

            await().atMost(WAIT).until(() -> executions("greet").size() == 1);
            Run run = executions("greet").getFirst();
            JsonNode record = TestNode.JSON.readTree(run.input());
            assertThat(record.at("/requestContext/condition").asText()).isEqualTo("Success");
            assertThat(record.at("/requestContext/functionName").asText()).isEqualTo("echo");
            assertThat(record.at("/requestPayload/n").asInt()).isEqualTo(1);
            assertThat(run.correlationId()).isEqualTo("echoes-1");
        }
    }

    @Test
    void deploy_withTargetsNamingNoWorkflow_is400AtEachTargetsPath_andDeploysNothing() throws Exception {
        try (TestNode node = startWithGreet()) {
            var res = node.deploy(APP + """
                    rules:
                      greetings:
                        pattern: {type: [person.arrived]}
                        targets: [{function: starter}, {workflow: welcome}]
                    schedules:
                      nightly: {expression: rate(1 day), target: {workflow: welcome}}
                    """);

            assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
            JsonNode problems = json(res).path("error").path("problems");
            assertThat(problems.toString()).contains("schedules.nightly.target.workflow",
                    "no workflow named welcome in this app or on the node");
            assertThat(node.admin("GET", "/v1/functions/starter").statusCode()).isEqualTo(404);

            var destination = node.deploy(APP.replace("code: code", "code: code\n    async: {on-failure: {workflow: welcome}}"));
            assertThat(destination.statusCode()).as(destination.body()).isEqualTo(400);
            assertThat(json(destination).path("error").path("problems").toString()).contains(
                    "functions.starter.async.on-failure.workflow", "no workflow named welcome");

            var rules = node.deploy(APP + """
                    rules:
                      greetings:
                        pattern: {type: [person.arrived]}
                        targets: [{function: starter}, {workflow: welcome}]
                    """);
            assertThat(rules.statusCode()).as(rules.body()).isEqualTo(400);
            assertThat(json(rules).path("error").path("problems").toString()).contains(
                    "rules.greetings.targets[1].workflow", "no workflow named welcome on this node or in this app");
        }
    }
}
