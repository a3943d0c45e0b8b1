package dev.gust.server;

import static dev.gust.server.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real node with real workers, driven only through its two HTTP doors. */
class NodeTest {
    static final String ECHO_APP = """
            app: demo
            functions:
              echo:
                runtime: java21
                handler: dev.gust.server.fixtures.Echo
                code: code
                memory: 256
                environment:
                  GREETING: hi
                routes:
                  - GET /echo/{name}
                  - POST /echo
              fail:
                runtime: java21
                handler: dev.gust.server.fixtures.Fail
                code: code
                timeout: 2s
                routes:
                  - POST /fail
            """;

    @TempDir
    static Path data;
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(data);
        assertThat(node.deploy(ECHO_APP).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void adminApi_withoutOrWithWrongToken_answers401AndHealthzStaysOpen() {
        var base = "http://127.0.0.1:" + node.server.adminPort();
        var none = node.send(HttpRequest.newBuilder(URI.create(base + "/v1/functions")).GET());
        var wrong = node.send(HttpRequest.newBuilder(URI.create(base + "/v1/functions"))
                .header("Authorization", "Bearer nope").GET());
        var health = node.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).GET());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(none).at("/error/type").asText()).isEqualTo("Unauthorized");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("sandbox").asText()).isIn("bwrap", "process");
    }

    @Test
    void adminToken_isCreatedOnFirstStart_readableOnlyByOwner() throws Exception {
        Path token = data.resolve("admin-token");
        assertThat(Files.getPosixFilePermissions(token))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(token).trim()).isEqualTo(node.server.adminToken());
    }

    @Test
    void route_passesPayload2EventAndAnswersWithEdgeHeaders() {
        var first = node.gateway("GET", "/echo/ada%20l?x=1&x=2", new byte[0],
                "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "Gust-Correlation-Id", "order-42");
        assertThat(first.statusCode()).isEqualTo(200);
        var body = json(first);
        assertThat(body.at("/input/version").asText()).isEqualTo("2.0");
        assertThat(body.at("/input/routeKey").asText()).isEqualTo("GET /echo/{name}");
        assertThat(body.at("/input/pathParameters/name").asText()).isEqualTo("ada l");
        assertThat(body.at("/input/queryStringParameters/x").asText()).isEqualTo("1,2");
        assertThat(body.at("/traceId").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(body.at("/correlationId").asText()).isEqualTo("order-42");
        assertThat(body.at("/greeting").asText()).isEqualTo("hi");
        assertThat(first.headers().firstValue("Gust-Invocation-Id")).isPresent();
        assertThat(first.headers().firstValue("Gust-Correlation-Id")).hasValue("order-42");
        assertThat(first.headers().firstValue("traceparent").orElseThrow())
                .startsWith("00-0af7651916cd43dd8448eb211c80319c-").doesNotContain("b7ad6b7169203331");
        var second = node.gateway("GET", "/echo/bob", new byte[0]);
        assertThat(second.headers().firstValue("Gust-Cold-Start")).hasValue("false");
    }

    @Test
    void directInvoke_returnsResultAndRecordHasEveryField() {
        var res = node.invoke("echo", "{\"name\":\"Ada\"}");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(json(res).at("/input/name").asText()).isEqualTo("Ada");
        String id = res.headers().firstValue("Gust-Invocation-Id").orElseThrow();
        var record = json(node.admin("GET", "/v1/invocations/" + id));
        assertThat(record.get("function").asText()).isEqualTo("echo");
        assertThat(record.get("trigger").asText()).isEqualTo("api");
        assertThat(record.get("status").asText()).isEqualTo("SUCCESS");
        assertThat(record.get("billedDurationMs").asLong()).isPositive();
        assertThat(record.get("memoryMb").asInt()).isEqualTo(256);
        assertThat(record.get("traceId").asText()).hasSize(32);
        assertThat(record.get("instanceId").asText()).isNotEmpty();
        assertThat(record.get("correlationId").asText()).isEqualTo(res.headers().firstValue("Gust-Correlation-Id").orElseThrow());
    }

    @Test
    void logs_areStoredPerInvocationWithTraceAndCorrelation() {
        var res = node.invoke("echo", "{}");
        String id = res.headers().firstValue("Gust-Invocation-Id").orElseThrow();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var lines = json(node.admin("GET", "/v1/functions/echo/logs?invocation=" + id)).get("lines");
            assertThat(lines).extracting(l -> l.get("message").asText())
                    .contains("echo " + id, "stdout line from echo");
            assertThat(lines.get(0).get("correlationId").asText())
                    .isEqualTo(res.headers().firstValue("Gust-Correlation-Id").orElseThrow());
        });
    }

    @Test
    void functionError_is502WithTypeAndInvocationId() {
        var res = node.gateway("POST", "/fail", "{\"mode\":\"throw\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(json(res).at("/error/type").asText()).contains("IllegalStateException");
        assertThat(json(res).at("/error/message").asText()).isEqualTo("asked to fail");
        assertThat(json(res).at("/error/invocationId").asText())
                .isEqualTo(res.headers().firstValue("Gust-Invocation-Id").orElseThrow());
    }

    @Test
    void infiniteLoop_is504Timeout_andTheNextInvocationSucceeds() {
        var res = node.invoke("fail", "{\"mode\":\"spin\"}");
        assertThat(res.statusCode()).isEqualTo(504);
        assertThat(json(res).at("/error/type").asText()).isEqualTo("Timeout");
        assertThat(node.invoke("fail", "{\"mode\":\"ok\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void systemExit_isFunctionCrashed_andTheNextInvocationSucceeds() {
        var res = node.invoke("fail", "{\"mode\":\"exit\"}");
        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(json(res).at("/error/type").asText()).isEqualTo("FunctionCrashed");
        assertThat(node.invoke("fail", "{\"mode\":\"ok\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownRoute_is404Json() {
        var res = node.gateway("GET", "/nowhere", new byte[0]);
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(json(res).at("/error/type").asText()).isEqualTo("RouteNotFound");
    }

    @Test
    void oversizedRequest_is413_andTheFunctionIsNotInvoked() {
        int before = json(node.admin("GET", "/v1/invocations?function=echo&limit=1000")).get("invocations").size();
        byte[] big = new byte[6 * 1024 * 1024 + 1];
        assertThat(node.gateway("POST", "/echo", big).statusCode()).isEqualTo(413);
        var direct = node.admin("POST", "/v1/functions/echo/invocations", big, "application/json");
        assertThat(direct.statusCode()).isEqualTo(413);
        assertThat(json(direct).at("/error/type").asText()).isEqualTo("PayloadTooLarge");
        int after = json(node.admin("GET", "/v1/invocations?function=echo&limit=1000")).get("invocations").size();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void malformedInvocationPayload_is400_unknownFunction_is404() {
        var bad = node.invoke("echo", "{\"name\":");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).at("/error/message").asText()).contains("not valid JSON");
        var unknown = node.invoke("nope", "{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).at("/error/type").asText()).isEqualTo("FunctionNotFound");
    }

    @Test
    void redeployOfTheSameBundle_isANoOp() {
        var again = json(node.deploy(ECHO_APP));
        assertThat(again.get("functions")).allSatisfy(f -> {
            assertThat(f.get("changed").asBoolean()).isFalse();
            assertThat(f.get("version").asInt()).isEqualTo(1);
        });
    }

    @Test
    void invalidManifest_reportsEveryProblemWithItsPath_andChangesNothing() {
        String before = node.admin("GET", "/v1/functions").body();
        var res = node.deploy("""
                app: demo
                functions:
                  echo:
                    runtime: python3
                    handler: dev.gust.server.fixtures.Echo
                    code: code
                    memory: 64
                """);
        assertThat(res.statusCode()).isEqualTo(400);
        var problems = json(res).at("/error/problems");
        assertThat(problems).extracting(p -> p.get("path").asText())
                .contains("functions.echo.runtime", "functions.echo.memory");
        assertThat(node.admin("GET", "/v1/functions").body()).isEqualTo(before);
    }

    @Test
    void conflictingRouteFromAnotherApp_isRejected_andChangesNothing() {
        String before = node.admin("GET", "/v1/functions").body();
        var res = node.deploy("""
                app: other
                functions:
                  thief:
                    runtime: java21
                    handler: dev.gust.server.fixtures.Echo
                    code: code
                    routes:
                      - GET /echo/{who}
                """);
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("GET /echo/{who}");
        assertThat(node.admin("GET", "/v1/functions").body()).isEqualTo(before);
    }

    @Test
    void malformedAndOversizedBundles_areRejectedClearly() {
        var garbage = node.admin("POST", "/v1/deployments", "not a zip".getBytes(StandardCharsets.UTF_8),
                "application/zip");
        assertThat(garbage.statusCode()).isEqualTo(400);
        var huge = node.admin("POST", "/v1/deployments", new byte[(int) Deployer.MAX_BUNDLE_BYTES + 1],
                "application/zip");
        assertThat(huge.statusCode()).isEqualTo(413);
    }

    @Test
    void usageAndMetrics_countInvocations() {
        node.invoke("echo", "{}");
        var usage = json(node.admin("GET", "/v1/usage?since=1h"));
        var echo = usage.get("functions").findValues("function").stream()
                .filter(f -> f.asText().equals("echo")).findFirst();
        assertThat(echo).isPresent();
        assertThat(usage.at("/total/requests").asLong()).isPositive();
        assertThat(usage.at("/total/gbSeconds").asDouble()).isPositive();
        assertThat(usage.at("/price/perMillionRequests").asDouble()).isEqualTo(0.20);
        String metrics = node.admin("GET", "/metrics").body();
        assertThat(metrics).contains("gust_invocations_total{function=\"echo\",status=\"success\"}")
                .contains("gust_invocation_duration_seconds_bucket").contains("gust_instances{");
    }

    @Test
    void listAndGet_showVersionInstancesAndLastInvoked() {
        node.invoke("echo", "{}");
        var list = json(node.admin("GET", "/v1/functions")).get("functions");
        assertThat(list).extracting(f -> f.get("name").asText()).contains("echo", "fail");
        var echo = json(node.admin("GET", "/v1/functions/echo"));
        assertThat(echo.get("version").asInt()).isEqualTo(1);
        assertThat(echo.get("lastInvoked").isNull()).isFalse();
        assertThat(echo.at("/concurrency/max").asInt()).isPositive();
        assertThat(node.admin("GET", "/v1/functions/nope").statusCode()).isEqualTo(404);
        assertThat(json(node.admin("GET", "/v1/functions/no%20such")).at("/error/message").asText())
                .startsWith("no function named no such;");
    }

    @Test
    void openApiDocument_describesTheAdminApi() {
        var doc = json(node.admin("GET", "/v1/openapi.json"));
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(doc.get("paths").has("/v1/functions/{name}/invocations")).isTrue();
    }

}
