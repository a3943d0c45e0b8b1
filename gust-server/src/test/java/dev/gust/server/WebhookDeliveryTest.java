package dev.gust.server;

import static dev.gust.server.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.gust.events.WebhookSignature;
import dev.gust.testing.ManualClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook targets against a real HTTP receiver on loopback (the user's endpoint): signed
 * deliveries, retries with backoff on the node's stepped clock, dead letters.
 */
class WebhookDeliveryTest {
    static final byte[] SECRET = "s3cret-for-tests".getBytes(StandardCharsets.UTF_8);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path data;
    static ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    static TestNode node;
    static HttpServer receiver;
    /** What each path received; a path's status is what it answers (200 unless set). */
    static final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    static final Map<String, Integer> statuses = new ConcurrentHashMap<>();

    record Received(String signature, String contentType, byte[] body) {
    }

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new CopyOnWriteArrayList<>())
                    .add(new Received(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                            exchange.getRequestHeaders().getFirst("Content-Type"), body));
            exchange.sendResponseHeaders(statuses.getOrDefault(exchange.getRequestURI().getPath(), 200), -1);
            exchange.close();
        });
        receiver.start();
        Files.createDirectories(data.resolve("secrets"));
        Files.write(data.resolve("secrets/hook"), SECRET);
        node = TestNode.start(data, clock);
        var res = node.deploy(app());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    }

    static String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    static String app() {
        return """
                app: hooks
                functions:
                  noop:
                    runtime: java21
                    handler: dev.gust.server.fixtures.Echo
                    code: code
                rules:
                  to-ok:
                    pattern: {type: [hook.ok]}
                    targets: [{webhook: {url: '%s', secret: hook}}]
                  to-broken:
                    pattern: {type: [hook.broken]}
                    targets: [{webhook: {url: '%s', secret: hook}}]
                """.formatted(url("/ok"), url("/broken"));
    }

    @AfterAll
    static void stop() {
        node.close();
        receiver.stop(0);
    }

    static void publish(String id, String type) {
        var res = node.admin("POST", "/v1/events", ("{\"specversion\":\"1.0\",\"id\":\"" + id
                + "\",\"source\":\"/shop\",\"type\":\"" + type + "\",\"data\":{\"n\":1}}").getBytes(StandardCharsets.UTF_8),
                "application/cloudevents+json");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
    }

    static List<Received> at(String path) {
        return received.getOrDefault(path, List.of());
    }

    @Test
    void webhook_receivesTheEvent_signedSoTheReceiverCanVerifyIt() {
        publish("w-1", "hook.ok");

        await().atMost(WAIT).until(() -> !at("/ok").isEmpty());
        Received r = at("/ok").getFirst();
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"id\":\"w-1\"");
        assertThat(r.contentType()).isEqualTo("application/cloudevents+json");
        // other tests step the shared clock, so the tolerance is wide; the signature itself must match
        assertThat(WebhookSignature.verify(SECRET, r.signature(), r.body(), clock, Duration.ofDays(365)))
                .isInstanceOf(WebhookSignature.Valid.class);
    }

    @Test
    void webhook_thatKeepsFailing_isRetriedWithBackoff_thenDeadLettered() {
        statuses.put("/broken", 500);
        publish("w-2", "hook.broken");

        for (int attempt = 1; attempt <= WebhookDispatcher.MAX_ATTEMPTS; attempt++) {
            int n = attempt;
            await().atMost(WAIT).until(() -> at("/broken").size() == n);
            clock.advance(Duration.ofMinutes(16));
        }

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode dead = json(node.admin("GET", "/v1/events/dead-letters")).get("deadLetters");
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat(d.get("eventId").asText()).isEqualTo("w-2");
                assertThat(d.get("rule").asText()).isEqualTo("to-broken");
                assertThat(d.get("attempts").asInt()).isEqualTo(3);
                assertThat(d.get("lastError").asText()).isEqualTo("HTTP 500");
            });
        });
        assertThat(at("/broken")).hasSize(3);
    }

    @Test
    void deploy_withAWebhookSecretTheNodeDoesNotHave_isRefused() {
        var res = node.deploy(app().replace("secret: hook}}]\n  to-broken", "secret: missing}}]\n  to-broken"));

        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("rules.to-ok.targets", "no secret named missing");
    }
}
