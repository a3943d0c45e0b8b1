package dev.gust.manifest;

import static dev.gust.manifest.TestApps.hello;
import static dev.gust.manifest.TestApps.problems;
import static dev.gust.manifest.TestApps.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FunctionKeysTest {
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

    private List<String> problemsOfFunction(String body) {
        return problems(Manifests.parse("app: shop\nfunctions:\n  hello:\n" + body.indent(4), dir));
    }

    @Test
    void function_whenRequiredKeysAreMissing_reportsEachWithAHint() {
        assertThat(problemsOfFunction("memory: 256")).containsExactly(
                "functions.hello.runtime: is required: one of: java21",
                "functions.hello.handler: is required: a Java class name like com.example.Hello",
                "functions.hello.code: is required: the path of a .jar file or a directory, relative to the app directory");
    }

    @Test
    void function_whenARequiredKeyIsEmpty_reportsItAsMissing() {
        assertThat(problemsOfFunction("runtime:\nhandler: a.B\ncode: target/hello-java.jar"))
                .containsExactly("functions.hello.runtime: is required: one of: java21");
    }

    @Test
    void function_whenNotAMapping_saysWhatItMustBe() {
        assertThat(problems(Manifests.parse("app: shop\nfunctions:\n  hello: java21\n", dir))).containsExactly(
                "functions.hello: must be a mapping of runtime, handler, code, memory, timeout, concurrency, "
                        + "environment, network, routes, async, sample-event, was \"java21\"");
    }

    @Test
    void function_whenKeyIsUnknown_listsTheAllowedKeys() {
        assertThat(problemsOf("colour: blue")).containsExactly("functions.hello.colour: unknown key; allowed: "
                + "runtime, handler, code, memory, timeout, concurrency, environment, network, routes, async, sample-event");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hello", "hello_world", "9lives", "-x", ""})
    void function_whenNameIsBad_reportsItAtTheFunction(String name) {
        String yaml = hello().replace("  hello:", "  \"" + name + "\":");

        assertThat(problems(Manifests.parse(yaml, dir))).singleElement().asString()
                .startsWith("functions." + name + ": must be lower-case letters, digits and dashes");
    }

    @Test
    void runtime_whenUnknown_namesTheAllowedOnes() {
        assertThat(problems(Manifests.parse(hello().replace("java21", "java17"), dir)))
                .containsExactly("functions.hello.runtime: must be one of: java21, was \"java17\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hello", "dev.gust.examples.Hello", "dev.gust.examples.Hello::handle", "a.b.Outer$Inner", "_x.Y"})
    void handler_whenAClassNameWithOptionalMethod_isAccepted(String handler) {
        assertThat(valid(Manifests.parse(hello().replace(TestApps.HANDLER, handler), dir))
                .functions().get("hello").handler()).isEqualTo(handler);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev.gust..Hello", "Hello::", "Hello::a::b", "1abc.Hello", "dev/gust/Hello", "Hello.", "a b"})
    void handler_whenNotAClassName_saysWhatIsAllowed(String handler) {
        assertThat(problems(Manifests.parse(hello().replace(TestApps.HANDLER, "\"" + handler + "\""), dir)))
                .containsExactly("functions.hello.handler: must be a Java class name, optionally with ::method "
                        + "(like com.example.Hello::handle), was \"" + handler + "\"");
    }

    @Test
    void handlerClass_dropsTheMethod() {
        assertThat(fn().handlerClass()).isEqualTo(TestApps.HANDLER);
        assertThat(valid(Manifests.parse(hello().replace(TestApps.HANDLER, "a.B::run"), dir))
                .functions().get("hello").handlerClass()).isEqualTo("a.B");
    }

    @ParameterizedTest
    @CsvSource({"128, 128", "10240, 10240", "'\"512\"', 512", "1024, 1024"})
    void memory_withinItsLimits_isAccepted(String written, int mb) {
        assertThat(fn("memory: " + written).memoryMb()).isEqualTo(mb);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127", "10241", "0", "-256", "99999999999999999999"})
    void memory_outsideItsLimits_givesTheRangeAndTheValue(String written) {
        assertThat(problemsOf("memory: " + written))
                .containsExactly("functions.hello.memory: must be 128..10240 MB, was " + written);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "lots | \"lots\"", "1.5 | 1.5", "true | true", "[256] | a list", "{mb: 256} | a mapping", "'' | empty", "0x100 | 0x100"})
    void memory_whenNotAWholeNumber_saysSo(String written, String shown) {
        assertThat(problemsOf("memory: " + written))
                .containsExactly("functions.hello.memory: must be a whole number of MB, was " + shown);
    }

    @ParameterizedTest
    @CsvSource({"100ms, 100", "500ms, 500", "30s, 30000", "2m, 120000", "15m, 900000", "45, 45000", "900, 900000", "1h, -1"})
    void timeout_inEveryForm_isReadWithinItsLimits(String written, long ms) {
        if (ms < 0) {
            assertThat(problemsOf("timeout: " + written))
                    .containsExactly("functions.hello.timeout: must be 100ms..15m, was 1h");
        } else {
            assertThat(fn("timeout: " + written).timeout()).isEqualTo(Duration.ofMillis(ms));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"99ms", "0", "901", "16m", "0s"})
    void timeout_outsideItsLimits_givesTheRangeAndTheValue(String written) {
        assertThat(problemsOf("timeout: " + written))
                .containsExactly("functions.hello.timeout: must be 100ms..15m, was " + written);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"soon | \"soon\"", "1.5s | \"1.5s\"", "-5 | -5", "2.5 | 2.5", "[30s] | a list"})
    void timeout_whenNotADuration_showsTheForms(String written, String shown) {
        assertThat(problemsOf("timeout: " + written)).containsExactly("functions.hello.timeout: "
                + "must be a duration like 500ms, 30s, 2m or a number of seconds, was " + shown);
    }

    @Test
    void concurrency_whenGiven_readsEachKey() {
        var fn = fn("concurrency:", "  min: 2", "  max: 1000", "  per-instance: 1000");

        assertThat(List.of(fn.min(), fn.max(), fn.perInstance())).containsExactly(2, 1000, 1000);
    }

    @Test
    void concurrency_whenPartlyGiven_defaultsTheRest() {
        var fn = fn("concurrency: {max: 20}");

        assertThat(List.of(fn.min(), fn.max(), fn.perInstance())).containsExactly(0, 20, 1);
    }

    @Test
    void concurrency_whenEmpty_isAllDefaults() {
        var fn = fn("concurrency:");

        assertThat(List.of(fn.min(), fn.max(), fn.perInstance())).containsExactly(0, 10, 1);
    }

    @Test
    void concurrency_atItsLowerEdges_isAccepted() {
        var fn = fn("concurrency: {min: 0, max: 1, per-instance: 1}");

        assertThat(List.of(fn.min(), fn.max(), fn.perInstance())).containsExactly(0, 1, 1);
    }

    @Test
    void concurrency_whenMinEqualsMax_isAccepted() {
        assertThat(fn("concurrency: {min: 5, max: 5}").min()).isEqualTo(5);
    }

    @Test
    void concurrency_outsideItsLimits_reportsEachKey() {
        assertThat(problemsOf("concurrency: {min: -1, max: 1001, per-instance: 0}")).containsExactly(
                "functions.hello.concurrency.min: must be 0..1000 (not above max), was -1",
                "functions.hello.concurrency.max: must be 1..1000, was 1001",
                "functions.hello.concurrency.per-instance: must be 1..1000, was 0");
        assertThat(problemsOf("concurrency: {max: 0, per-instance: 1001}")).containsExactly(
                "functions.hello.concurrency.max: must be 1..1000, was 0",
                "functions.hello.concurrency.per-instance: must be 1..1000, was 1001");
    }

    @Test
    void concurrency_whenMinIsAboveMax_reportsMin() {
        assertThat(problemsOf("concurrency: {max: 3, min: 4}"))
                .containsExactly("functions.hello.concurrency.min: must be 0..3 (not above max), was 4");
        assertThat(problemsOf("concurrency: {min: 11}"))
                .containsExactly("functions.hello.concurrency.min: must be 0..10 (not above max), was 11");
    }

    @Test
    void concurrency_whenKeyIsMisspelt_suggestsTheRightOne() {
        assertThat(problemsOf("concurrency: {per_instance: 2}")).containsExactly(
                "functions.hello.concurrency.per_instance: unknown key; did you mean per-instance? allowed: min, max, per-instance");
    }

    @Test
    void concurrency_whenNotAMapping_saysSo() {
        assertThat(problemsOf("concurrency: 5"))
                .containsExactly("functions.hello.concurrency: must be a mapping of min, max, per-instance, was 5");
    }

    @Test
    void network_defaultOrNone_decidesNetworkAccess() {
        assertThat(fn().network()).isTrue();
        assertThat(fn("network: default").network()).isTrue();
        assertThat(fn("network: none").network()).isFalse();
    }

    @Test
    void network_whenAnythingElse_namesTheChoices() {
        assertThat(problemsOf("network: off"))
                .containsExactly("functions.hello.network: must be one of: default, none, was \"off\"");
        assertThat(problemsOf("network: false"))
                .containsExactly("functions.hello.network: must be one of: default, none, was false");
    }
}
