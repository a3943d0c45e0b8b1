package dev.gust.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.store.Execution;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's conformance corpus ({@code conformance/engine/*.json}): each case is a state machine,
 * its input, scripts for its functions ({@link FakeTasks}) and the exact output, or error and cause,
 * of its execution. Wait and retry timers are fired by moving the manual clock.
 */
class EngineConformanceTest {
    @TempDir
    static Path dir;
    private static EngineHarness harness;
    private static final AtomicInteger IDS = new AtomicInteger();

    @BeforeAll
    static void open() {
        harness = new EngineHarness(dir);
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    static Stream<Arguments> cases() {
        return Conformance.cases("engine");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void execution_endsAsTheSpecificationSays(String label, JsonNode c) throws Exception {
        String workflow = "case-" + IDS.incrementAndGet();
        harness.deploy(workflow, c.get("definition").toString());
        Map<String, JsonNode> functions = new HashMap<>();
        c.path("functions").properties().forEach(e -> functions.put(e.getKey(), e.getValue()));
        harness.tasks.script(workflow, functions);

        Execution done = harness.awaitFinishedAdvancing(harness.start(workflow, c.path("input").toString()));

        if (c.has("output")) {
            assertThat(done.error()).as("error, cause: %s", done.cause()).isEmpty();
            assertThat(Conformance.MAPPER.readTree(done.output().orElseThrow())).isEqualTo(c.get("output"));
        } else {
            assertThat(done.status()).isEqualTo(Execution.Status.FAILED);
            assertThat(done.error()).hasValue(c.get("error").asText());
            if (c.has("cause")) {
                assertThat(done.cause().orElseThrow()).contains(c.get("cause").asText());
            }
        }
    }
}
