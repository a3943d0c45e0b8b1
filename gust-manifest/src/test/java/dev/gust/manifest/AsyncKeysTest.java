package dev.gust.manifest;

import static dev.gust.manifest.TestApps.hello;
import static dev.gust.manifest.TestApps.problems;
import static dev.gust.manifest.TestApps.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncKeysTest {
    @TempDir
    Path dir;

    @BeforeEach
    void app() {
        TestApps.app(dir);
    }

    private FunctionManifest fn(String... lines) {
        return valid(Manifests.parse(hello(lines), dir)).functions().get("hello");
    }

    private List<String> problemsOf(String... lines) {
        return problems(Manifests.parse(hello(lines), dir));
    }

    @Test
    void async_whenAbsent_defaultsToTwoRetriesSixHoursAndNoDestinations() {
        assertThat(fn().async()).isEqualTo(new FunctionManifest.Async(2, Duration.ofHours(6), Optional.empty(),
                Optional.empty()));
    }

    @Test
    void async_whenEveryKeyIsGiven_readsEachValue() {
        var async = fn("async:", "  max-retries: 0", "  max-event-age: 90s", "  on-success: audit",
                "  on-failure: dead-letters").async();

        assertThat(async).isEqualTo(new FunctionManifest.Async(0, Duration.ofSeconds(90),
                Optional.of(FunctionManifest.Destination.function("audit")),
                Optional.of(FunctionManifest.Destination.function("dead-letters"))));
    }

    @Test
    void async_destinationsWrittenAsMappings_nameAFunctionOrAQueue() {
        var async = fn("async:", "  on-success: {function: audit}", "  on-failure: {queue: Failed_Orders.fifo}").async();

        assertThat(async.onSuccess()).contains(FunctionManifest.Destination.function("audit"));
        assertThat(async.onFailure()).contains(new FunctionManifest.Destination("queue", "Failed_Orders.fifo"));
    }

    @Test
    void async_destinationWrittenAsAWorkflow_namesTheWorkflow_orSaysWhatANameIs() {
        var async = fn("async:", "  on-success: {workflow: audit-flow}").async();

        assertThat(async.onSuccess()).contains(new FunctionManifest.Destination("workflow", "audit-flow"));
        assertThat(problemsOf("async: {on-failure: {workflow: Audit_Flow}}")).containsExactly(
                "functions.hello.async.on-failure.workflow: " + Rules.notAName("\"Audit_Flow\""));
    }

    @Test
    void async_destinationMappingsThatAreWrong_sayWhatIsAllowedAtTheirPath() {
        assertThat(problemsOf("async:", "  on-success: {queue: 'no spaces'}", "  on-failure: {topic: x}"))
                .containsExactlyInAnyOrder(
                        "functions.hello.async.on-success.queue: must be a queue name: 1..80 letters, digits, - or _"
                                + " (a FIFO queue's ending in .fifo), was \"no spaces\"",
                        "functions.hello.async.on-failure.topic: unknown key; allowed: function, queue, workflow",
                        "functions.hello.async.on-failure.function: is required: a function name");
        assertThat(problemsOf("async: {on-failure: {function: a, queue: b}}")).singleElement().asString()
                .isEqualTo("functions.hello.async.on-failure: must name exactly one of function, queue or workflow, like"
                        + " {queue: audits}");
        assertThat(problemsOf("async: {on-failure: {function: hello}}")).singleElement().asString()
                .contains("must name another function");
    }

    @Test
    void async_atItsLimits_isAccepted() {
        assertThat(fn("async: {max-retries: 10, max-event-age: 6h}").async().maxRetries()).isEqualTo(10);
        assertThat(fn("async: {max-event-age: 60s}").async().maxEventAge()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void async_withValuesOutOfRange_reportsEachWithItsPath() {
        assertThat(problemsOf("async:", "  max-retries: 11", "  max-event-age: 59s", "  on-failure: Not_A_Name"))
                .containsExactly(
                        "functions.hello.async.max-retries: must be 0..10, was 11",
                        "functions.hello.async.max-event-age: must be 1m..6h, was 59s",
                        "functions.hello.async.on-failure: " + Rules.notAName("\"Not_A_Name\""));
    }

    @Test
    void async_destinationNamingTheFunctionItself_isRefused() {
        assertThat(problemsOf("async: {on-failure: hello}")).containsExactly("functions.hello.async.on-failure: must"
                + " name another function; sending hello's results to itself would never end");
    }

    @Test
    void async_withAnUnknownKey_suggestsTheRightOne() {
        assertThat(problemsOf("async: {max-retires: 3}")).singleElement().asString()
                .startsWith("functions.hello.async.max-retires: unknown key; did you mean max-retries?");
    }

    @Test
    void async_whenNotAMapping_saysWhatItMustBe() {
        assertThat(problemsOf("async: 3")).singleElement().asString()
                .startsWith("functions.hello.async: must be a mapping of max-retries, max-event-age, on-success,"
                        + " on-failure");
    }
}
