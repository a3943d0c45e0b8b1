package dev.gust.server;

import static dev.gust.server.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idempotency-Key on direct invocations of a real node: one run per key, repeats get its outcome. */
class IdempotencyTest {
    static final String KEY = "Idempotency-Key";
    static final String APP = """
            app: once
            functions:
              once:
                runtime: java21
                handler: dev.gust.server.fixtures.Echo
                code: code
              again:
                runtime: java21
                handler: dev.gust.server.fixtures.Echo
                code: code
              failing:
                runtime: java21
                handler: dev.gust.server.fixtures.Fail
                code: code
              slow:
                runtime: java21
                handler: dev.gust.server.fixtures.Slow
                code: code
              routed:
                runtime: java21
                handler: dev.gust.server.fixtures.Echo
                code: code
                routes:
                  - POST /orders
              queued:
                runtime: java21
                handler: dev.gust.server.fixtures.Echo
                code: code
            """;

    @TempDir
    static Path data;
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(data);
        assertThat(node.deploy(APP).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static String invocationId(HttpResponse<String> res) {
        return res.headers().firstValue("Gust-Invocation-Id").orElseThrow();
    }

    @Test
    void syncRepeat_returnsTheFirstResult_andRunsOnce() {
        var first = node.invoke("once", "{\"n\":1}", KEY, "order-1");
        var repeat = node.invoke("once", "{\"n\":1}", KEY, "order-1");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(invocationId(repeat)).isEqualTo(invocationId(first));
        assertThat(repeat.headers().firstValue("Gust-Idempotent-Replay")).hasValue("true");
        assertThat(first.headers().firstValue("Gust-Idempotent-Replay")).isEmpty();
        assertThat(node.records("once")).hasSize(1);
    }

    @Test
    void anotherKey_orNoKey_runsAgain() {
        node.invoke("again", "{}", KEY, "a-key");
        node.invoke("again", "{}", KEY, "b-key");
        node.invoke("again", "{}");

        assertThat(node.records("again")).hasSize(3);
    }

    @Test
    void failedFirstRun_isRepeatedAsTheSameFailure() {
        var first = node.invoke("failing", "{\"mode\":\"throw\"}", KEY, "f-1");
        var repeat = node.invoke("failing", "{\"mode\":\"throw\"}", KEY, "f-1");

        assertThat(first.statusCode()).isEqualTo(502);
        assertThat(repeat.statusCode()).isEqualTo(502);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(node.records("failing")).hasSize(1);
    }

    @Test
    void repeatWhileTheFirstRuns_is409IdempotencyConflict_thenTheFirstOutcome() {
        var first = CompletableFuture.supplyAsync(() -> node.invoke("slow", "{\"ms\":8000}", KEY, "slow-1"));
        // the key is committed before the run starts, so once an instance works on it the key is taken
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var instances = json(node.admin("GET", "/v1/functions/slow")).get("instances");
            return instances.get("starting").asInt() + instances.get("busy").asInt() > 0;
        });

        var conflict = node.invoke("slow", "{\"ms\":8000}", KEY, "slow-1");
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(json(conflict).at("/error/type").asText()).isEqualTo("IdempotencyConflict");
        assertThat(json(conflict).at("/error/message").asText()).contains("slow-1", "still running");
        var done = first.join();
        var after = node.invoke("slow", "{\"ms\":8000}", KEY, "slow-1");

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(invocationId(after)).isEqualTo(invocationId(done));
        assertThat(node.records("slow")).hasSize(1);
    }

    @Test
    void asyncRepeat_answersTheSame202_andTheEventRunsOnce() {
        var first = node.invoke("queued", "{}", KEY, "ev-1", "Gust-Invocation-Type", "event");
        var repeat = node.invoke("queued", "{}", KEY, "ev-1", "Gust-Invocation-Type", "event");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(repeat.statusCode()).isEqualTo(202);
        assertThat(json(repeat).get("invocationId").asText()).isEqualTo(json(first).get("invocationId").asText());
        await().atMost(Duration.ofSeconds(60)).until(() -> node.records("queued").size() == 1);
        assertThat(node.records("queued")).hasSize(1);
    }

    @Test
    void gatewayRepeat_returnsTheFirstResponse_andRunsOnce() {
        byte[] body = "{\"item\":\"tea\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var first = node.gateway("POST", "/orders", body, KEY, "order-9");
        var repeat = node.gateway("POST", "/orders", body, KEY, "order-9");
        var other = node.gateway("POST", "/orders", body, KEY, "order-10");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(invocationId(repeat)).isEqualTo(invocationId(first));
        assertThat(repeat.headers().firstValue("Gust-Idempotent-Replay")).hasValue("true");
        assertThat(invocationId(other)).isNotEqualTo(invocationId(first));
        assertThat(node.records("routed")).hasSize(2);
    }

    @Test
    void gatewayKeyThatIsNotPrintableAscii_is400_andNothingRuns() {
        var res = node.gateway("POST", "/orders", new byte[0], KEY, "k".repeat(300));

        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res).at("/error/message").asText()).startsWith("Idempotency-Key: must be 1..255");
    }

    @Test
    void unknownFunction_is404_andTheKeyIsNotTaken() {
        var res = node.invoke("missing", "{}", KEY, "m-1");

        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(node.records("missing")).isEmpty();
    }

    @Test
    void malformedKey_is400NamingTheHeader_andNothingRuns() {
        int before = node.records("again").size();
        var res = node.invoke("again", "{}", KEY, "x".repeat(256));

        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res).at("/error/message").asText()).startsWith("Idempotency-Key: must be 1..255 printable");
        assertThat(node.records("again")).hasSize(before);
    }
}
