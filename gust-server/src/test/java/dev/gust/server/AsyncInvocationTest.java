package dev.gust.server;

import static dev.gust.server.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.testing.ManualClock;
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
 * Async invocations on a real node whose clock the tests step: acceptance, retries with backoff,
 * event age, destinations. Each test uses its own functions, so steps of the shared clock only
 * move events the test is waiting for.
 */
class AsyncInvocationTest {
    static final String EVENT = "Gust-Invocation-Type";
    static final String APP = """
            app: events
            functions:
              echo:
                runtime: java21
                handler: dev.gust.server.fixtures.Echo
                code: code
              happy:
                runtime: java21
                handler: dev.gust.server.fixtures.Echo
                code: code
                async:
                  on-success: sink
              flaky:
                runtime: java21
                handler: dev.gust.server.fixtures.Fail
                code: code
                async:
                  max-retries: 2
                  on-failure: sink
              fragile:
                runtime: java21
                handler: dev.gust.server.fixtures.Fail
                code: code
                async:
                  max-retries: 5
                  max-event-age: 60s
                  on-failure: sink
              sink:
                runtime: java21
                handler: dev.gust.server.fixtures.Sink
                code: code
            """;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path data;
    static ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(data, clock);
        assertThat(node.deploy(APP).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static JsonNode state(String id) {
        return json(node.admin("GET", "/v1/async-invocations/" + id));
    }

    static String acceptedId(String function, String payload) {
        var res = node.invoke(function, payload, EVENT, "event");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        String id = json(res).get("invocationId").asText();
        assertThat(res.headers().firstValue("Gust-Invocation-Id")).hasValue(id);
        return id;
    }

    /**
     * Waits until attempt {@code n} has failed and its retry is scheduled: its record differs from
     * the one of the attempt before ({@code previous}, or none).
     *
     * @return the state then
     */
    static JsonNode awaitRetryScheduled(String id, int n, String previous) {
        await().atMost(WAIT).untilAsserted(() -> {
            var s = state(id);
            assertThat(s.get("attempts").asInt()).isEqualTo(n);
            assertThat(s.get("status").asText()).isEqualTo("PENDING");
            assertThat(node.records(s.get("function").asText())).extracting(r -> r.get("id").asText())
                    .contains(s.get("lastInvocationId").asText());
            assertThat(s.get("lastInvocationId").asText()).isNotEqualTo(previous);
        });
        return state(id);
    }

    static Instant nextAttempt(JsonNode state) {
        return Instant.parse(state.get("nextAttemptAt").asText());
    }

    static List<String> sinkLines() {
        var lines = json(node.admin("GET", "/v1/functions/sink/logs?limit=1000")).get("lines");
        return StreamSupport.stream(lines.spliterator(), false).map(l -> l.get("message").asText()).toList();
    }

    @Test
    void asyncInvoke_answers202AtOnce_andTheRecordAppearsWithTriggerEvent() {
        String id = acceptedId("echo", "{\"name\":\"Ada\"}");

        await().atMost(WAIT).until(() -> state(id).get("status").asText().equals("SUCCEEDED"));
        var record = json(node.admin("GET", "/v1/invocations/" + id));
        assertThat(record.get("trigger").asText()).isEqualTo("event");
        assertThat(record.get("status").asText()).isEqualTo("SUCCESS");
        assertThat(state(id).get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void success_goesToTheOnSuccessDestination_withTheRequestAndResponse() {
        String id = acceptedId("happy", "{\"order\":7}");

        await().atMost(WAIT).untilAsserted(() -> assertThat(sinkLines()).anySatisfy(l -> assertThat(l)
                .contains("condition=Success", "function=happy", "requestId=" + id, "count=1", "version=1.0",
                        "request={order=7}", "response={input={order=7}")));
    }

    @Test
    void failingFunction_isRetriedMaxRetriesTimes_withGrowingBackoff_thenGoesToOnFailure() {
        Instant accepted = clock.instant();
        String id = acceptedId("flaky", "{\"mode\":\"throw\"}");

        JsonNode one = awaitRetryScheduled(id, 1, "null");
        Instant first = nextAttempt(one);
        assertThat(Duration.between(accepted, first)).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        clock.set(first);
        Instant second = nextAttempt(awaitRetryScheduled(id, 2, one.get("lastInvocationId").asText()));
        assertThat(Duration.between(first, second)).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(2));
        clock.set(second);

        await().atMost(WAIT).until(() -> state(id).get("status").asText().equals("FAILED"));
        assertThat(state(id).get("attempts").asInt()).isEqualTo(3);
        assertThat(state(id).get("lastError").asText()).contains("asked to fail");
        assertThat(node.records("flaky")).hasSize(3)
                .allSatisfy(r -> assertThat(r.get("trigger").asText()).isEqualTo("event"))
                .allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("ERROR"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(sinkLines()).anySatisfy(l -> assertThat(l)
                .contains("condition=RetriesExhausted", "function=flaky", "requestId=" + id, "count=3",
                        "request={mode=throw}", "errorMessage=asked to fail")));
    }

    @Test
    void eventOlderThanMaxEventAge_isNotRetried_andGoesToOnFailureAsEventAgeExceeded() {
        String id = acceptedId("fragile", "{\"mode\":\"throw\"}");
        awaitRetryScheduled(id, 1, "null");

        clock.advance(Duration.ofMinutes(2));

        await().atMost(WAIT).until(() -> state(id).get("status").asText().equals("EXPIRED"));
        assertThat(state(id).get("attempts").asInt()).isEqualTo(2);
        assertThat(node.records("fragile")).hasSize(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(sinkLines()).anySatisfy(l -> assertThat(l)
                .contains("condition=EventAgeExceeded", "function=fragile", "requestId=" + id)));
    }

    @Test
    void unknownFunction_is404AtOnce_andNothingIsStored() {
        var res = node.invoke("nope", "{}", EVENT, "event");

        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(json(res).at("/error/type").asText()).isEqualTo("FunctionNotFound");
        assertThat(node.records("nope")).isEmpty();
    }

    @Test
    void badAsyncRequests_areRefusedWithTheReason_andNothingRuns() {
        int before = node.records("echo").size();
        var invalid = node.invoke("echo", "{\"a\":", EVENT, "event");
        var oversized = node.invoke("echo", "\"" + "x".repeat(256 * 1024) + "\"", EVENT, "event");
        var badType = node.invoke("echo", "{}", EVENT, "sometimes");

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).at("/error/message").asText()).contains("not valid JSON");
        assertThat(oversized.statusCode()).isEqualTo(413);
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(json(badType).at("/error/message").asText())
                .isEqualTo("Gust-Invocation-Type: must be event or request-response, was sometimes");
        assertThat(node.records("echo")).hasSize(before);
    }

    @Test
    void metrics_countPendingAsyncInvocations() {
        assertThat(node.admin("GET", "/metrics").body()).containsPattern("(?m)^gust_async_pending \\d+");
    }

    @Test
    void unknownAsyncInvocationId_is404() {
        assertThat(node.admin("GET", "/v1/async-invocations/nope").statusCode()).isEqualTo(404);
    }
}
