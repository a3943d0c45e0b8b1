package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Removing a function that rules, schedules, queue triggers or other functions' destinations still
 * deliver to: refused with what uses it, unless forced.
 */
class FunctionInUseTest {
    static final String APP = """
            app: users
            functions:
              worker:
                runtime: java21
                handler: dev.gust.server.fixtures.Echo
                code: code
              front:
                runtime: java21
                handler: dev.gust.server.fixtures.Echo
                code: code
                async: {on-failure: worker}
              helper:
                runtime: java21
                handler: dev.gust.server.fixtures.Echo
                code: code
              loner:
                runtime: java21
                handler: dev.gust.server.fixtures.Echo
                code: code
            queues:
              jobs:
                trigger: {function: worker}
            rules:
              to-worker:
                pattern: {type: [job.created]}
                targets: [{function: worker}]
              to-helper:
                pattern: {type: [job.helped]}
                targets: [{function: helper}]
            schedules:
              nightly:
                expression: cron(0 2 * * *)
                target: {function: worker}
            """;

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

    @Test
    void removingAFunctionSomethingDeliversTo_is409NamingEveryUser_andRemovesNothing() {
        var refused = node.admin("DELETE", "/v1/functions/worker");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("FunctionInUse", "rule to-worker (app users)",
                "schedule nightly (app users)", "queue trigger of jobs", "the async destination of function front",
                "?force=true");
        assertThat(node.admin("GET", "/v1/functions/worker").statusCode()).isEqualTo(200);
        assertThat(node.invoke("worker", "{\"still\":\"here\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void aFunctionNothingDeliversTo_isRemoved_andForceRemovesOneInUse() {
        assertThat(node.admin("DELETE", "/v1/functions/loner").statusCode()).isEqualTo(204);
        assertThat(node.admin("DELETE", "/v1/functions/helper").statusCode()).isEqualTo(409);
        assertThat(node.admin("DELETE", "/v1/functions/helper?force=true").statusCode()).isEqualTo(204);

        assertThat(node.admin("GET", "/v1/functions/loner").statusCode()).isEqualTo(404);
        assertThat(node.admin("GET", "/v1/functions/helper").statusCode()).isEqualTo(404);
    }
}
