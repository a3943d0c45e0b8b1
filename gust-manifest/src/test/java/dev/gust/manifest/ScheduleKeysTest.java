package dev.gust.manifest;

import static dev.gust.manifest.TestApps.hello;
import static dev.gust.manifest.TestApps.problems;
import static dev.gust.manifest.TestApps.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleKeysTest {
    @TempDir
    Path dir;

    @BeforeEach
    void app() {
        TestApps.app(dir);
    }

    private static String withSchedules(String... lines) {
        return hello() + "schedules:\n" + String.join("\n", List.of(lines).stream().map(l -> "  " + l).toList()) + "\n";
    }

    private AppManifest manifest(String... lines) {
        return valid(Manifests.parse(withSchedules(lines), dir));
    }

    private List<String> problemsOf(String... lines) {
        return problems(Manifests.parse(withSchedules(lines), dir));
    }

    @Test
    void schedules_whenAbsent_isEmpty() {
        assertThat(valid(Manifests.parse(hello(), dir)).schedules()).isEmpty();
    }

    @Test
    void schedule_withEveryKey_readsEachValue_andInputAsJson() {
        var s = manifest("nightly:", "  expression: cron(0 3 * * ? *)", "  zone: Europe/Berlin",
                "  target: {function: hello}", "  catch-up: latest",
                "  input: {full: true, days: 7, note: \"x\", tags: [a, b], none: null}").schedules().get("nightly");

        assertThat(s).isEqualTo(new ScheduleManifest("nightly", "cron(0 3 * * ? *)", "Europe/Berlin", "function",
                "hello", "latest", Optional.of("{\"full\":true,\"days\":7,\"note\":\"x\",\"tags\":[\"a\",\"b\"],\"none\":null}")));
    }

    @Test
    void schedule_withOnlyExpressionAndTarget_defaultsToUtcNoCatchUpAndNoInput() {
        var s = manifest("tick: {expression: rate(5 minutes), target: {function: hello}}").schedules().get("tick");

        assertThat(s.zone()).isEqualTo("UTC");
        assertThat(s.catchUp()).isEqualTo("none");
        assertThat(s.input()).isEmpty();
    }

    @Test
    void schedule_withBadValues_reportsEveryProblemWithItsPath() {
        assertThat(problemsOf("nightly:", "  expression: rate(5 minute)", "  zone: Moon/Base",
                "  target: {function: hello}", "  catch-up: some"))
                .containsExactlyInAnyOrder(
                        "schedules.nightly.expression: rate(5 minute) needs the plural unit, as AWS does: rate(5 minutes)",
                        "schedules.nightly.zone: must be an IANA time zone name like Europe/Berlin or UTC; got 'Moon/Base'",
                        "schedules.nightly.catch-up: must be none, latest or all; got 'some'");
    }

    @Test
    void schedule_withoutExpressionOrTarget_saysTheyAreRequired() {
        assertThat(TestApps.paths(Manifests.parse(withSchedules("nightly: {zone: UTC}"), dir)))
                .containsExactlyInAnyOrder("schedules.nightly.expression", "schedules.nightly.target");
    }

    @Test
    void schedule_withABadName_namesTheSchedule() {
        assertThat(TestApps.paths(Manifests.parse(withSchedules(
                "Nightly: {expression: rate(1 hour), target: {function: hello}}"), dir)))
                .containsExactly("schedules.Nightly");
    }

    @Test
    void schedule_targetingAQueue_takesItsName_andAFifoQueuesGroup() {
        var schedules = manifest("a: {expression: rate(1 hour), target: {queue: Orders_1}}",
                "b: {expression: rate(1 hour), target: {queue: {name: orders.fifo, group: ticks}}}").schedules();

        assertThat(schedules.get("a")).isEqualTo(new ScheduleManifest("a", "rate(1 hour)", "UTC", "queue", "Orders_1",
                "none", Optional.empty()));
        assertThat(schedules.get("b").targetName()).isEqualTo("orders.fifo");
        assertThat(schedules.get("b").group()).contains("ticks");
    }

    @Test
    void schedule_targetingAQueueWrongly_saysWhyAtThePath() {
        assertThat(problemsOf("a: {expression: rate(1 hour), target: {queue: {name: orders, group: g}}}",
                "b: {expression: rate(1 hour), target: {queue: 'two words'}}",
                "c: {expression: rate(1 hour), target: {queue: {group: g}}}"))
                .containsExactly(
                        "schedules.a.target.queue.group: only a FIFO queue (a name ending in .fifo) takes a message group",
                        "schedules.b.target: must be a queue name: 1..80 letters, digits, - or _ (a FIFO queue's ending"
                                + " in .fifo); got 'two words'",
                        "schedules.c.target.queue.name: is required: the queue's name");
    }

    @Test
    void schedule_targetingTheBus_takesSourceAndDetailType_orTheDefaults() {
        var schedules = manifest("a: {expression: rate(1 hour), target: {bus: {}}}",
                "b: {expression: rate(1 hour), target: {bus: {source: /billing, detail-type: Billing Due}}}")
                .schedules();

        assertThat(schedules.get("a")).isEqualTo(new ScheduleManifest("a", "rate(1 hour)", "UTC", "bus",
                ScheduleManifest.BUS, "none", Optional.empty()));
        assertThat(schedules.get("b").source()).contains("/billing");
        assertThat(schedules.get("b").detailType()).contains("Billing Due");
    }

    @Test
    void schedule_targetingTheBusWrongly_saysWhyAtThePath() {
        assertThat(problemsOf("a: {expression: rate(1 hour), target: {bus: default}}",
                "b: {expression: rate(1 hour), target: {bus: {source: '//', detail-type: x, topic: y}}}"))
                .satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).startsWith("schedules.a.target.bus: must be a mapping of source and detail-type"),
                        p -> assertThat(p).startsWith("schedules.b.target.bus.topic: unknown key"),
                        p -> assertThat(p).startsWith("schedules.b.target.bus.source: must be a URI-reference"));
    }

    @Test
    void schedule_targetingAWorkflow_takesItsName() {
        var schedules = manifest("a: {expression: rate(1 hour), target: {workflow: order-saga}, input: {n: 1}}")
                .schedules();

        assertThat(schedules.get("a")).isEqualTo(new ScheduleManifest("a", "rate(1 hour)", "UTC", "workflow",
                "order-saga", "none", Optional.of("{\"n\":1}")));
    }

    @Test
    void schedule_targetingAWorkflowWrongly_saysWhyAtThePath() {
        assertThat(problemsOf("a: {expression: rate(1 hour), target: {workflow: Order_Saga}}",
                "b: {expression: rate(1 hour), target: {workflow: {name: x}}}"))
                .satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).startsWith("schedules.a.target: must be lower-case letters"),
                        p -> assertThat(p).startsWith("schedules.b.target.workflow: must be a workflow name"));
    }

    @Test
    void schedule_withAnUnknownTargetKind_reportsOnlyTheUnknownKey() {
        assertThat(problemsOf("a: {expression: rate(1 hour), target: {lambda: hello}}"))
                .singleElement().asString().startsWith("schedules.a.target.lambda: unknown key");
    }

    @Test
    void schedule_withTwoTargetsOrAnUnknownKey_isRefused() {
        assertThat(problemsOf("a: {expression: rate(1 hour), target: {function: hello, bus: {}}}",
                "b: {expression: rate(1 hour), target: {function: hello}, retries: 3}"))
                .anySatisfy(p -> assertThat(p).startsWith("schedules.a.target: must name exactly one"))
                .anySatisfy(p -> assertThat(p).startsWith("schedules.b.retries: unknown key"));
    }
}
