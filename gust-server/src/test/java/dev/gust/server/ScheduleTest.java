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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules declared in gust.yaml fire their target on a real node, once per slot, across restarts. */
class ScheduleTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String TICK = """
            app: clockwork
            functions:
              tick:
                runtime: java21
                handler: dev.gust.server.fixtures.Tick
                code: code
            """;
    static final String POLICIES = TICK + """
            schedules:
              never-late: {expression: rate(1 hour), target: {function: tick}, input: {policy: none}}
              newest: {expression: rate(1 hour), target: {function: tick}, catch-up: latest, input: {policy: latest}}
              every: {expression: rate(1 hour), target: {function: tick}, catch-up: all, input: {policy: all}}
            """;

    @TempDir
    Path data;
    private final ManualClock clock = new ManualClock(T0);

    static List<String> ticks(TestNode node) {
        var lines = json(node.admin("GET", "/v1/functions/tick/logs?limit=1000")).get("lines");
        return StreamSupport.stream(lines.spliterator(), false).map(l -> l.get("message").asText())
                .filter(m -> m.startsWith("tick ")).toList();
    }

    static long count(List<String> ticks, String policy) {
        return ticks.stream().filter(t -> t.contains("policy=" + policy + "}")).count();
    }

    static JsonNode schedule(TestNode node, String name) {
        return json(node.admin("GET", "/v1/schedules/" + name));
    }

    @Test
    void schedule_whenItsSlotComes_invokesTheTargetOnceWithTheSlot() throws Exception {
        try (TestNode node = TestNode.start(data, clock)) {
            assertThat(node.deploy(TICK + """
                    schedules:
                      hourly: {expression: rate(1 hour), target: {function: tick}}
                    """).statusCode()).isEqualTo(200);
            var before = schedule(node, "hourly");
            assertThat(before.get("nextSlot").asText()).isEqualTo("2026-03-01T11:00:00Z");
            assertThat(before.get("lastFired").isNull()).isTrue();

            clock.advance(Duration.ofHours(1));

            await().atMost(WAIT).until(() -> ticks(node).size() == 1);
            assertThat(ticks(node).getFirst()).isEqualTo(
                    "tick {schedule=hourly, slot=hourly@2026-03-01T11:00:00Z, time=2026-03-01T11:00:00Z}");
            // invocation records are written behind the log lines: wait for the record too
            await().atMost(WAIT).until(() -> node.records("tick").size() == 1);
            assertThat(node.records("tick").get(0).get("trigger").asText()).isEqualTo("schedule");
            var after = schedule(node, "hourly");
            assertThat(after.get("lastFired").asText()).isEqualTo("2026-03-01T11:00:00Z");
            assertThat(after.get("nextSlot").asText()).isEqualTo("2026-03-01T12:00:00Z");
            assertThat(json(node.admin("GET", "/v1/schedules")).get("schedules")).hasSize(1);
        }
    }

    @Test
    void restartAfterMissedSlots_catchesUpAsEachPolicyDeclares_eachSlotOnce() throws Exception {
        try (TestNode node = TestNode.start(data, clock)) {
            assertThat(node.deploy(POLICIES).statusCode()).isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(3 * 60 + 30));

        try (TestNode node = TestNode.start(data, clock)) {
            await().atMost(WAIT).until(() -> ticks(node).size() == 4);
            assertThat(count(ticks(node), "none")).isZero();
            assertThat(count(ticks(node), "latest")).isEqualTo(1);
            assertThat(count(ticks(node), "all")).isEqualTo(3);
            assertThat(schedule(node, "newest").get("lastFired").asText()).isEqualTo("2026-03-01T13:00:00Z");
        }

        try (TestNode node = TestNode.start(data, clock)) {
            clock.advance(Duration.ofMinutes(30));

            await().atMost(WAIT).until(() -> ticks(node).size() == 7);
            var ticks = ticks(node);
            assertThat(List.of(count(ticks, "none"), count(ticks, "latest"), count(ticks, "all")))
                    .containsExactly(1L, 2L, 4L);
        }
    }

    @Test
    void deploy_withAScheduleTargetingAnUnknownFunction_is400AndChangesNothing() throws Exception {
        try (TestNode node = TestNode.start(data, clock)) {
            var res = node.deploy(TICK + """
                    schedules:
                      orphan: {expression: rate(1 hour), target: {function: nobody}}
                    """);

            assertThat(res.statusCode()).isEqualTo(400);
            assertThat(res.body()).contains("schedules.orphan.target.function").contains("nobody");
            assertThat(json(node.admin("GET", "/v1/schedules")).get("schedules")).isEmpty();
            assertThat(node.admin("GET", "/v1/functions/tick").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void deploy_withABadExpression_is400NamingTheField() throws Exception {
        try (TestNode node = TestNode.start(data, clock)) {
            var res = node.deploy(TICK + """
                    schedules:
                      broken: {expression: cron(0 0 30 2 *), target: {function: tick}, zone: "+02:00"}
                    """);

            assertThat(res.statusCode()).isEqualTo(400);
            assertThat(res.body()).contains("schedules.broken.expression").contains("schedules.broken.zone");
            assertThat(json(node.admin("GET", "/v1/schedules")).get("schedules")).isEmpty();
        }
    }

    @Test
    void redeployWithoutASchedule_removesIt_andUnknownScheduleIs404() throws Exception {
        try (TestNode node = TestNode.start(data, clock)) {
            node.deploy(POLICIES);

            assertThat(node.deploy(TICK).statusCode()).isEqualTo(200);

            assertThat(json(node.admin("GET", "/v1/schedules")).get("schedules")).isEmpty();
            assertThat(node.admin("GET", "/v1/schedules/every").statusCode()).isEqualTo(404);
            assertThat(node.admin("DELETE", "/v1/schedules").statusCode()).isEqualTo(405);
        }
    }
}
