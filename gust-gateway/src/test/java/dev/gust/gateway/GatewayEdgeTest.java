package dev.gust.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.common.TraceContext;
import dev.gust.runtime.Outcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the gateway does at the edge: unknown routes, big bodies, trace and correlation ids. */
class GatewayEdgeTest {
    private static final String CALLER = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
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
    void unknownRoute_is404RouteNotFoundWithoutInvoking() {
        HttpResponse<byte[]> r = gw.get("/nowhere?x=1");

        assertThat(r.statusCode()).isEqualTo(404);
        JsonNode e = GatewayFixture.error(r);
        assertThat(e.path("type").asText()).isEqualTo("RouteNotFound");
        assertThat(e.path("message").asText()).isEqualTo("no route for GET /nowhere");
        assertThat(e.has("invocationId")).isFalse();
        assertThat(r.headers().firstValue("gust-invocation-id")).isEmpty();
        assertThat(r.headers().firstValue("gust-cold-start")).hasValue("false");
        assertThat(r.headers().firstValue("traceparent")).isPresent();
        assertThat(r.headers().firstValue("gust-correlation-id")).isPresent();
        assertThat(gw.invoker.requests()).isEmpty();
    }

    @Test
    void pathOfAnotherMethodsRoute_is404() {
        HttpResponse<byte[]> r = gw.send(gw.request("/hello").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(GatewayFixture.error(r).path("type").asText()).isEqualTo("RouteNotFound");
        assertThat(gw.invoker.requests()).isEmpty();
    }

    @Test
    void trailingSlash_doesNotMatchTheRouteWithout() {
        assertThat(gw.get("/hello/").statusCode()).isEqualTo(404);
        assertThat(gw.invoker.requests()).isEmpty();
    }

    @Test
    void replaceRoutes_takesEffectForTheNextRequest() throws Exception {
        try (var own = new GatewayFixture()) {
            RouteTable next = RouteTable.build(List.of(new Binding("GET /bye", "bye", "demo"))).orThrow();
            own.gateway.replaceRoutes(next);

            assertThat(own.get("/hello").statusCode()).isEqualTo(404);
            assertThat(own.get("/bye").statusCode()).isEqualTo(200);
            assertThat(own.invoker.last().function()).isEqualTo("bye");
            assertThat(own.gateway.routes()).isSameAs(next);
        }
    }

    @Test
    void contentLengthOverSixMegabytes_is413BeforeTheBodyIsSent() throws IOException {
        try (var socket = new Socket("127.0.0.1", gw.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /items HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (Gateway.MAX_BODY_BYTES + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String head = readHead(socket.getInputStream());

            assertThat(head).startsWith("HTTP/1.1 413").containsIgnoringCase("gust-correlation-id:");
        }
        assertThat(gw.invoker.requests()).isEmpty();
    }

    @Test
    void chunkedBodyOverSixMegabytes_is413WithoutInvoking() {
        byte[] big = new byte[Gateway.MAX_BODY_BYTES + 1];
        HttpResponse<byte[]> r = gw.send(gw.request("/items").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));

        assertThat(r.statusCode()).isEqualTo(413);
        JsonNode e = GatewayFixture.error(r);
        assertThat(e.path("type").asText()).isEqualTo("PayloadTooLarge");
        assertThat(e.path("message").asText()).contains("6291456");
        assertThat(gw.invoker.requests()).isEmpty();
    }

    @Test
    void bodyOfExactlySixMegabytes_isInvoked() {
        byte[] limit = new byte[Gateway.MAX_BODY_BYTES];
        gw.invoker.answerJson("{\"ok\":true}");

        HttpResponse<byte[]> r = gw.send(gw.request("/items").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(limit)));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(gw.invoker.requests()).hasSize(1);
    }

    @Test
    void traceparent_fromCaller_isContinuedAsAChildSpan() {
        HttpResponse<byte[]> r = gw.send(gw.request("/hello").header("traceparent", CALLER));

        TraceContext caller = TraceContext.parse(CALLER).orElseThrow();
        TraceContext sent = gw.invoker.last().trace();
        assertThat(sent.traceId()).isEqualTo(caller.traceId());
        assertThat(sent.parentSpanId()).hasValue(caller.spanId());
        assertThat(sent.spanId()).isNotEqualTo(caller.spanId());
        assertThat(r.headers().firstValue("traceparent")).hasValue(sent.traceparent());
    }

    @Test
    void traceparent_absentOrMalformed_startsANewTrace() {
        HttpResponse<byte[]> absent = gw.get("/hello");
        TraceContext first = gw.invoker.last().trace();
        HttpResponse<byte[]> malformed = gw.send(gw.request("/hello").header("traceparent", "00-nonsense-01"));
        TraceContext second = gw.invoker.last().trace();

        assertThat(first.parentSpanId()).isEmpty();
        assertThat(second.parentSpanId()).isEmpty();
        assertThat(second.traceId()).isNotEqualTo(first.traceId());
        assertThat(absent.headers().firstValue("traceparent")).hasValue(first.traceparent());
        assertThat(malformed.headers().firstValue("traceparent")).hasValue(second.traceparent());
        assertThat(TraceContext.parse(first.traceparent())).isPresent();
    }

    @Test
    void traceparent_onA404_isStillAChildOfTheCaller() {
        HttpResponse<byte[]> r = gw.send(gw.request("/nowhere").header("traceparent", CALLER));

        TraceContext answered = TraceContext.parse(r.headers().firstValue("traceparent").orElseThrow()).orElseThrow();
        assertThat(answered.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(answered.spanId()).isNotEqualTo("b7ad6b7169203331");
    }

    @Test
    void correlationId_valid_isPassedOnAndEchoed() {
        String id = "order-42:retry_1.a";
        HttpResponse<byte[]> r = gw.send(gw.request("/hello").header("Gust-Correlation-Id", id));

        assertThat(gw.invoker.last().correlationId()).isEqualTo(id);
        assertThat(r.headers().firstValue("gust-correlation-id")).hasValue(id);
    }

    @Test
    void correlationId_absentOrInvalid_isReplacedByANewOne() {
        for (String bad : List.of("has space", "x".repeat(129), "semi;colon", "")) {
            HttpResponse<byte[]> r = gw.send(bad.isEmpty() ? gw.request("/hello")
                    : gw.request("/hello").header("Gust-Correlation-Id", bad));

            String made = gw.invoker.last().correlationId();
            assertThat(made).matches("[0-9a-f]{32}");
            assertThat(r.headers().firstValue("gust-correlation-id")).hasValue(made);
        }
    }

    @Test
    void correlationId_ofMaximumLength_isKept() {
        String id = "a".repeat(128);
        gw.send(gw.request("/hello").header("Gust-Correlation-Id", id));

        assertThat(gw.invoker.last().correlationId()).isEqualTo(id);
    }

    @Test
    void everyInvokedResponse_carriesInvocationIdAndColdStart() {
        gw.invoker.coldStart(true);
        HttpResponse<byte[]> cold = gw.get("/hello");
        String coldId = gw.invoker.last().id();
        gw.invoker.coldStart(false);
        HttpResponse<byte[]> warm = gw.get("/hello");

        assertThat(cold.headers().firstValue("gust-cold-start")).hasValue("true");
        assertThat(cold.headers().firstValue("gust-invocation-id")).hasValue(coldId);
        assertThat(warm.headers().firstValue("gust-cold-start")).hasValue("false");
        assertThat(warm.headers().firstValue("gust-invocation-id")).hasValue(gw.invoker.last().id());
    }

    @Test
    void slowInvocations_doNotHoldUpOtherRequests() throws Exception {
        var release = new CountDownLatch(1);
        gw.invoker.answer(req -> {
            awaitRelease(release);
            return new Outcome.Success("\"done\"".getBytes(StandardCharsets.UTF_8));
        });
        var first = gw.client.sendAsync(gw.request("/hello").build(), HttpResponse.BodyHandlers.ofString());
        var second = gw.client.sendAsync(gw.request("/hello/x").build(), HttpResponse.BodyHandlers.ofString());

        await().atMost(Duration.ofSeconds(30)).until(() -> gw.invoker.requests().size() == 2);
        release.countDown();

        assertThat(List.of(first, second)).allSatisfy(f -> assertThat(f.get(30, TimeUnit.SECONDS).body()).isEqualTo("\"done\""));
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        var sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            sb.append((char) b);
        }
        return sb.toString();
    }
}
