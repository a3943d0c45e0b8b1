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
    void schedule_targetingAQueueOrBus_isRefusedAsNotYetSupported() {
        assertThat(problemsOf("a: {expression: rate(1 hour), target: {queue: orders}}",
                "b: {expression: rate(1 hour), target: {bus: default}}"))
                .hasSize(2)
                .allSatisfy(p -> assertThat(p).contains("not yet supported"))
                .anySatisfy(p -> assertThat(p).startsWith("schedules.a.target.queue:"));
    }

    @Test
    void schedule_withAnUnknownTargetKind_reportsOnlyTheUnknownKey() {
        assertThat(problemsOf("a: {expression: rate(1 hour), target: {lambda: hello}}"))
                .singleElement().asString().startsWith("schedules.a.target.lambda: unknown key");
    }

    @Test
    void schedule_withTwoTargetsOrAnUnknownKey_isRefused() {
        assertThat(problemsOf("a: {expression: rate(1 hour), target: {function: hello, bus: default}}",
                "b: {expression: rate(1 hour), target: {function: hello}, retries: 3}"))
                .anySatisfy(p -> assertThat(p).startsWith("schedules.a.target: must name exactly one"))
                .anySatisfy(p -> assertThat(p).startsWith("schedules.b.retries: unknown key"));
    }
}
