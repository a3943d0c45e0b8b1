package dev.gust.server;

import static dev.gust.server.Flows.awaitEvent;
import static dev.gust.server.Flows.awaitFinished;
import static dev.gust.server.Flows.start;
import static dev.gust.server.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An execution outlives the node that started it: the next node continues from its checkpoint. */
class WorkflowRestartTest {
    @TempDir
    Path data;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void restart_midWait_continuesToTheEndOnceTheWaitIsOver() throws Exception {
        String id;
        try (TestNode first = TestNode.start(data, clock)) {
            assertThat(first.deploy(Flows.APP, Flows.FILES).statusCode()).isEqualTo(200);
            id = start(first, "nap", "{\"input\": {\"who\": \"Linus\"}}");
            awaitEvent(first, id, "WaitStarted");
        }
        try (TestNode second = TestNode.start(data, clock)) {
            assertThat(json(second.admin("GET", "/v1/executions/" + id)).get("status").asText()).isEqualTo("RUNNING");
            clock.advance(Duration.ofHours(1));

            JsonNode done = awaitFinished(second, id);
            assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(done.at("/output/input/who").asText()).isEqualTo("Linus");
            assertThat(done.get("states")).extracting(s -> s.get("name").asText()).containsExactly("Nap", "Greet");
        }
    }
}
