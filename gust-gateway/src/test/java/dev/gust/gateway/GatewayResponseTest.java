package dev.gust.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.runtime.ErrorKind;
import dev.gust.runtime.Outcome;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a caller gets back: the function's result mapped to HTTP, or a JSON error. */
class GatewayResponseTest {
    private static GatewayFixture gw;

    @BeforeAll
    static void start() throws Exception {
        gw = new GatewayFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    @BeforeEach
    void reset() {
        gw.invoker.reset();
    }

    @Test
    void response_v2Object_setsStatusHeadersCookiesAndBody() {
        gw.invoker.answerJson("""
                {"statusCode":201,"headers":{"content-type":"text/plain","x-count":3},
                 "cookies":["a=1; Path=/","b=2"],"body":"created"}""");

        HttpResponse<byte[]> r = gw.get("/hello");

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain");
        assertThat(r.headers().firstValue("x-count")).hasValue("3");
        assertThat(r.headers().allValues("set-cookie")).containsExactly("a=1; Path=/", "b=2");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("created");
    }

    @Test
    void response_v2ObjectWithMultiValueHeaders_repeatsThem() {
        gw.invoker.answerJson("{\"statusCode\":200,\"multiValueHeaders\":{\"x-v\":[\"1\",\"2\"]}}");

        assertThat(gw.get("/hello").headers().allValues("x-v")).containsExactly("1", "2");
    }

    @Test
    void response_v2ObjectWithBodyButNoContentType_isJson() {
        gw.invoker.answerJson("{\"statusCode\":202,\"body\":\"{\\\"ok\\\":true}\"}");

        HttpResponse<byte[]> r = gw.get("/hello");

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(GatewayFixture.json(r.body()).path("ok").asBoolean()).isTrue();
    }

    @Test
    void response_v2ObjectWithoutBody_isEmpty() {
        gw.invoker.answerJson("{\"statusCode\":204}");

        HttpResponse<byte[]> r = gw.get("/hello");

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void response_base64Body_isDecoded() {
        byte[] png = new byte[2000];
        new Random(3).nextBytes(png);
        gw.invoker.answerJson("{\"statusCode\":200,\"headers\":{\"content-type\":\"image/png\"},\"isBase64Encoded\":true,"
                + "\"body\":\"" + Base64.getEncoder().encodeToString(png) + "\"}");

        HttpResponse<byte[]> r = gw.get("/hello");

        assertThat(r.headers().firstValue("content-type")).hasValue("image/png");
        assertThat(r.body()).isEqualTo(png);
    }

    @Test
    void binaryBody_roundTripsThroughTheFunctionUnchanged() {
        byte[] bytes = new byte[100_000];
        new Random(11).nextBytes(bytes);
        gw.invoker.answer(req -> {
            JsonNode event = GatewayFixture.json(req.payload());
            ObjectNode res = GatewayFixture.JSON.createObjectNode().put("statusCode", 200)
                    .put("body", event.path("body").asText())
                    .put("isBase64Encoded", event.path("isBase64Encoded").asBoolean());
            res.putObject("headers").put("content-type", "application/octet-stream");
            return new Outcome.Success(res.toString().getBytes(StandardCharsets.UTF_8));
        });

        HttpResponse<byte[]> r = gw.send(gw.request("/items").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(bytes);
    }

    @Test
    void response_plainJsonObject_is200JsonAsReturned() {
        gw.invoker.answerJson("{\"message\":\"hi\",\"n\":[1,2]}");

        HttpResponse<byte[]> r = gw.get("/hello");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"hi\",\"n\":[1,2]}");
    }

    @Test
    void response_stringOrArrayResult_is200Json() {
        for (String result : List.of("\"hello\"", "[1,2,3]", "42", "null")) {
            gw.invoker.answerJson(result);

            HttpResponse<byte[]> r = gw.get("/hello");

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(result);
        }
    }

    @Test
    void response_withBadStatusCode_is502NamingTheField() {
        gw.invoker.answerJson("{\"statusCode\":42}");

        HttpResponse<byte[]> r = gw.get("/hello");

        assertThat(r.statusCode()).isEqualTo(502);
        JsonNode e = GatewayFixture.error(r);
        assertThat(e.path("type").asText()).isEqualTo("InvalidFunctionResponse");
        assertThat(e.path("message").asText()).contains("statusCode").contains("42");
        assertThat(e.path("invocationId").asText()).isEqualTo(gw.invoker.last().id());
    }

    @Test
    void response_withBrokenBase64_is502() {
        gw.invoker.answerJson("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"***\"}");

        HttpResponse<byte[]> r = gw.get("/hello");

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(GatewayFixture.error(r).path("message").asText()).contains("base64");
    }

    @Test
    void response_headersTheGatewayOwn_cannotBeOverriddenByTheFunction() {
        gw.invoker.answerJson("{\"statusCode\":200,\"headers\":{\"Gust-Invocation-Id\":\"forged\","
                + "\"traceparent\":\"00-11111111111111111111111111111111-2222222222222222-01\",\"bad header\":\"x\"}}");

        HttpResponse<byte[]> r = gw.get("/hello");

        var req = gw.invoker.last();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().allValues("gust-invocation-id")).containsExactly(req.id());
        assertThat(r.headers().allValues("traceparent")).containsExactly(req.trace().traceparent());
    }

    @Test
    void failure_functionError_is502JsonWithTypeMessageAndInvocationId() {
        gw.invoker.answer(req -> new Outcome.Failure(ErrorKind.FUNCTION_ERROR, "java.lang.IllegalStateException",
                "no greeting for \"x\"", List.of("at Hello.handle(Hello.java:7)")));

        HttpResponse<byte[]> r = gw.get("/hello/x");

        assertThat(r.statusCode()).isEqualTo(502);
        JsonNode e = GatewayFixture.error(r);
        assertThat(e.path("type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(e.path("message").asText()).isEqualTo("no greeting for \"x\"");
        assertThat(e.path("invocationId").asText()).isEqualTo(gw.invoker.last().id());
        assertThat(r.headers().firstValue("gust-invocation-id")).hasValue(gw.invoker.last().id());
    }

    @Test
    void failure_timeoutAndThrottle_answer504And429() {
        gw.invoker.answer(req -> Outcome.Failure.of(ErrorKind.TIMEOUT, "ran past 3s"));
        HttpResponse<byte[]> timeout = gw.get("/hello");
        gw.invoker.answer(req -> Outcome.Failure.of(ErrorKind.THROTTLED, "no instance free within 10s"));
        HttpResponse<byte[]> throttled = gw.get("/hello");

        assertThat(timeout.statusCode()).isEqualTo(504);
        assertThat(GatewayFixture.error(timeout).path("type").asText()).isEqualTo("Timeout");
        assertThat(throttled.statusCode()).isEqualTo(429);
        JsonNode e = GatewayFixture.error(throttled);
        assertThat(e.path("type").asText()).isEqualTo("Throttled");
        assertThat(e.path("message").asText()).isEqualTo("no instance free within 10s");
        assertThat(e.path("invocationId").asText()).isEqualTo(gw.invoker.last().id());
    }

    @Test
    void failure_invokerThrows_is500JsonAndTheGatewayKeepsServing() {
        gw.invoker.answer(req -> {
            throw new IllegalStateException("bug in the node");
        });

        HttpResponse<byte[]> r = gw.get("/hello");

        assertThat(r.statusCode()).isEqualTo(500);
        JsonNode e = GatewayFixture.error(r);
        assertThat(e.path("type").asText()).isEqualTo("InternalError");
        assertThat(e.path("message").asText()).doesNotContain("bug in the node");
        assertThat(e.path("invocationId").asText()).isEqualTo(gw.invoker.last().id());
        gw.invoker.reset();
        assertThat(gw.get("/hello").statusCode()).isEqualTo(200);
    }

    @Test
    void head_onGetRoute_invokesItAndSendsNoBody() {
        gw.invoker.answerJson("{\"statusCode\":200,\"headers\":{\"content-type\":\"text/plain\"},\"body\":\"hi\"}");

        HttpResponse<byte[]> r = gw.send(gw.request("/hello").method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(gw.lastEvent().path("routeKey").asText()).isEqualTo("GET /hello");
        assertThat(gw.lastEvent().path("requestContext").path("http").path("method").asText()).isEqualTo("HEAD");
    }
}
