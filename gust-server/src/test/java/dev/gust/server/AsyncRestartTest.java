package dev.gust.server;

import static dev.gust.server.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accepted async invocations survive a restart of the node. */
class AsyncRestartTest {
    static final String APP = """
            app: durable
            functions:
              later:
                runtime: java21
                handler: dev.gust.server.fixtures.Fail
                code: code
                async:
                  max-retries: 3
            """;

    @TempDir
    Path data;

    @Test
    void restartWithEventsPending_runsThemAfterTheRestart() throws Exception {
        var clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        String id;
        Instant retryAt;
        try (TestNode node = TestNode.start(data, clock)) {
            assertThat(node.deploy(APP).statusCode()).isEqualTo(200);
            var res = node.invoke("later", "{\"mode\":\"throw\"}", "Gust-Invocation-Type", "event");
            assertThat(res.statusCode()).isEqualTo(202);
            id = json(res).get("invocationId").asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> node.records("later").size() == 1
                    && !json(node.admin("GET", "/v1/async-invocations/" + id)).get("lastError").isNull());
            retryAt = Instant.parse(json(node.admin("GET", "/v1/async-invocations/" + id)).get("nextAttemptAt").asText());
        }

        try (TestNode node = TestNode.start(data, clock)) {
            clock.set(retryAt);

            await().atMost(Duration.ofSeconds(60)).until(() -> node.records("later").size() == 2);
            var state = json(node.admin("GET", "/v1/async-invocations/" + id));
            assertThat(state.get("attempts").asInt()).isEqualTo(2);
            assertThat(node.records("later")).allSatisfy(r -> assertThat(r.get("trigger").asText()).isEqualTo("event"));
        }
    }
}
