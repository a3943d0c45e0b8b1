package dev.gust.server;

import static dev.gust.server.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules that fire into a queue or onto the bus, on a real node whose clock the tests step. */
class ScheduleTargetsTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String APP = """
            app: timers
            functions:
              heard:
                runtime: java21
                handler: dev.gust.server.fixtures.Recorder
                code: code
            queues:
              ticks:
            rules:
              scheduled:
                pattern: {source: [gust.schedules], type: [Scheduled Event]}
                targets: [{function: heard}]
              billing:
                pattern: {source: [/billing], type: [Billing Due]}
                targets: [{function: heard}]
            """;
    private static final Pattern CORRELATIONS = Pattern.compile("correlationid=([^,}]+).* correlation=(\\S+)$");

    @TempDir
    Path data;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));

    static List<String> heard(TestNode node) {
        var lines = json(node.admin("GET", "/v1/functions/heard/logs?limit=1000")).get("lines");
        return StreamSupport.stream(lines.spliterator(), false).map(l -> l.get("message").asText())
                .filter(m -> m.startsWith("got ")).toList();
    }

    static JsonNode awaitMessage(TestNode node, String queue) {
        var body = new AtomicReference<JsonNode>();
        await().atMost(WAIT).untilAsserted(() -> {
            var got = json(node.admin("POST", "/v1/queues/" + queue + "/receive",
                    "{\"maxMessages\":10}".getBytes(StandardCharsets.UTF_8), "application/json")).get("messages");
            assertThat(got).hasSize(1);
            body.set(TestNode.JSON.readTree(got.get(0).get("body").asText()));
        });
        return body.get();
    }

    @Test
    void scheduleWithAQueueTarget_sendsTheSlotAsAMessage_andOneWithABusTarget_publishesItsDeclaredEvent() throws Exception {
        try (TestNode node = TestNode.start(data, clock)) {
            var res = node.deploy(APP + """
                    schedules:
                      to-queue: {expression: rate(1 hour), target: {queue: ticks}}
                      bill: {expression: rate(1 hour), target: {bus: {source: /billing, detail-type: Billing Due}},
                             input: {due: true}}
                    """);
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);

            clock.advance(Duration.ofHours(1));

            assertThat(awaitMessage(node, "ticks")).isEqualTo(TestNode.JSON.createObjectNode()
                    .put("schedule", "to-queue").put("slot", "to-queue@2026-03-01T11:00:00Z")
                    .put("time", "2026-03-01T11:00:00Z"));
            await().atMost(WAIT).untilAsserted(() -> assertThat(heard(node)).singleElement().asString()
                    .contains("source=/billing", "type=Billing Due", "subject=bill", "time=2026-03-01T11:00:00Z",
                            "data={due=true}"));
        }
    }

    @Test
    void scheduleWithABusTarget_reachesTheRulesFunctionOncePerSlot_acrossARestart() throws Exception {
        try (TestNode node = TestNode.start(data, clock)) {
            assertThat(node.deploy(APP + """
                    schedules:
                      to-bus: {expression: rate(1 hour), target: {bus: {}}}
                    """).statusCode()).isEqualTo(200);
            clock.advance(Duration.ofHours(1));

            await().atMost(WAIT).until(() -> heard(node).size() == 1);
            String line = heard(node).getFirst();
            assertThat(line).contains("source=gust.schedules", "type=Scheduled Event", "subject=to-bus",
                    "slot=to-bus@2026-03-01T11:00:00Z");
            var correlations = CORRELATIONS.matcher(line);
            assertThat(correlations.find()).as(line).isTrue();
            assertThat(correlations.group(2)).isEqualTo(correlations.group(1));
        }

        try (TestNode node = TestNode.start(data, clock)) {
            clock.advance(Duration.ofHours(1));

            await().atMost(WAIT).until(() -> heard(node).size() >= 2);
            var lines = heard(node);
            assertThat(lines).hasSize(2);
            assertThat(lines).filteredOn(l -> l.contains("slot=to-bus@2026-03-01T11:00:00Z")).hasSize(1);
            assertThat(lines).filteredOn(l -> l.contains("slot=to-bus@2026-03-01T12:00:00Z")).hasSize(1);
        }
    }
}
