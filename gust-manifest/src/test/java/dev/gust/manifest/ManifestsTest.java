package dev.gust.manifest;

import static dev.gust.manifest.TestApps.hello;
import static dev.gust.manifest.TestApps.problems;
import static dev.gust.manifest.TestApps.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestsTest {
    /** Every top-level key, as messages list them; sections are added as capabilities land. */
    private static final String TOP_LEVEL = String.join(", ", ManifestReader.KEYS);
    @TempDir
    Path dir;

    @BeforeEach
    void app() {
        TestApps.app(dir);
    }

    @Test
    void parse_whenMinimal_fillsEveryDefault() {
        var manifest = valid(Manifests.parse(hello(), dir));

        assertThat(manifest.app()).isEqualTo("shop");
        assertThat(manifest.baseDir()).isEqualTo(dir.toAbsolutePath());
        assertThat(manifest.functions().get("hello")).isEqualTo(new FunctionManifest("hello", "java21",
                TestApps.HANDLER, dir.resolve(TestApps.JAR).toAbsolutePath(), true, 256, Duration.ofSeconds(30),
                0, 10, 1, Map.of(), true, List.of(), FunctionManifest.Async.DEFAULT));
    }

    @Test
    void parse_whenEveryKeyIsGiven_readsEachValue() {
        String yaml = hello("""
                memory: 512
                    timeout: 2m
                    concurrency:
                      min: 1
                      max: 20
                      per-instance: 4
                    environment:
                      GREETING: Hello
                      RETRIES: 3
                    network: none
                    routes:
                      - GET /hello
                      - ANY /files/{proxy+}""");

        var fn = valid(Manifests.parse(yaml, dir)).functions().get("hello");

        assertThat(fn.memoryMb()).isEqualTo(512);
        assertThat(fn.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(List.of(fn.min(), fn.max(), fn.perInstance())).containsExactly(1, 20, 4);
        assertThat(fn.environment()).containsExactly(Map.entry("GREETING", "Hello"), Map.entry("RETRIES", "3"));
        assertThat(fn.network()).isFalse();
        assertThat(fn.routes()).extracting(RouteSpec::key).containsExactly("GET /hello", "ANY /files/{proxy+}");
    }

    @Test
    void parse_keepsFunctionsInFileOrder() {
        String yaml = hello() + """
                  zeta:
                    runtime: java21
                    handler: a.Zeta
                    code: target/hello-java.jar
                  alpha:
                    runtime: java21
                    handler: a.Alpha
                    code: target/hello-java.jar
                """;

        assertThat(valid(Manifests.parse(yaml, dir)).functions().keySet()).containsExactly("hello", "zeta", "alpha");
    }

    @Test
    void parse_fromFile_resolvesCodeAgainstTheFilesDirectory() {
        Path file = TestApps.write(dir.resolve("gust.yaml"), hello());

        var manifest = valid(Manifests.parse(file));

        assertThat(manifest.baseDir()).isEqualTo(dir.toAbsolutePath());
        assertThat(manifest.functions().get("hello").code()).isEqualTo(dir.resolve(TestApps.JAR).toAbsolutePath());
    }

    @Test
    void parse_whenFileIsMissing_saysItCannotReadIt() {
        var problems = problems(Manifests.parse(dir.resolve("nope/gust.yaml")));

        assertThat(problems).singleElement().asString().startsWith("cannot read ").contains("nope");
    }

    @Test
    void parse_whenFileIsNotUtf8_saysSo() throws Exception {
        Path file = dir.resolve("gust.yaml");
        Files.write(file, new byte[] {'a', 'p', 'p', ':', ' ', (byte) 0xC3, (byte) 0x28});

        assertThat(problems(Manifests.parse(file))).singleElement().asString().endsWith("is not UTF-8 text");
    }

    @Test
    void parse_whenFileIsTooLarge_refusesItWithoutParsing() {
        String yaml = hello() + "#" + "x".repeat(ManifestLimits.MAX_MANIFEST_BYTES);

        assertThat(problems(Manifests.parse(yaml, dir))).containsExactly("the file is larger than 1024 KB");
    }

    @Test
    void parse_whenStartingWithByteOrderMark_ignoresIt() {
        assertThat(valid(Manifests.parse("\uFEFF" + hello(), dir)).app()).isEqualTo("shop");
    }

    @Test
    void parse_whenYamlIsBroken_reportsOneProblemWithLineAndColumn() {
        String yaml = "app: shop\nfunctions:\n  hello: [\n";

        var problems = problems(Manifests.parse(yaml, dir));

        assertThat(problems).singleElement().asString()
                .startsWith("invalid YAML at line 4, column 1:")
                .contains("expected the node content")
                .doesNotContain("\n");
    }

    @Test
    void parse_whenMappingValueIsMisplaced_pointsAtIt() {
        var problems = problems(Manifests.parse("app: shop: x\n", dir));

        assertThat(problems).containsExactly("invalid YAML at line 1, column 10: mapping values are not allowed here");
    }

    @Test
    void parse_whenFileIsEmpty_saysWhatItNeeds() {
        assertThat(problems(Manifests.parse("# nothing yet\n", dir)))
                .containsExactly("the file is empty; it needs at least app and functions");
    }

    @Test
    void parse_whenRootIsNotAMapping_saysWhatItMustBe() {
        assertThat(problems(Manifests.parse("- app\n- functions\n", dir)))
                .containsExactly("must be a mapping with the keys " + String.join(", ", ManifestReader.KEYS) + ", was a list");
    }

    @Test
    void parse_whenFileHasTwoDocuments_refusesTheSecond() {
        var problems = problems(Manifests.parse(hello() + "---\napp: other\n", dir));

        assertThat(problems).singleElement().asString().contains("line 8").contains("only one YAML document");
    }

    @Test
    void parse_whenAppAndFunctionsAreMissing_reportsBoth() {
        assertThat(problems(Manifests.parse("name: shop\n", dir))).containsExactly(
                "name: unknown key; allowed: " + String.join(", ", ManifestReader.KEYS),
                "app: is required: the app's name, like shop",
                "functions: is required: a mapping of function names to their settings");
    }

    @Test
    void parse_whenTopLevelKeyIsMisspelt_suggestsTheRightOne() {
        assertThat(problems(Manifests.parse(hello() + "fucntions: {}\n", dir)))
                .containsExactly("fucntions: unknown key; did you mean functions? allowed: "
                + String.join(", ", ManifestReader.KEYS));
    }

    @Test
    void parse_whenAppNameIsAtItsLongest_acceptsIt() {
        String name = "a" + "b1-".repeat(20) + "xy";

        assertThat(name).hasSize(63);
        assertThat(valid(Manifests.parse(hello().replace("app: shop", "app: " + name), dir)).app()).isEqualTo(name);
    }

    @Test
    void parse_whenAppNameIsBad_saysWhatANameIs() {
        assertThat(problems(Manifests.parse(hello().replace("app: shop", "app: Shop"), dir))).containsExactly(
                "app: must be lower-case letters, digits and dashes, starting with a letter, at most 63 characters, was \"Shop\"");
        assertThat(problems(Manifests.parse(hello().replace("app: shop", "app: " + "a".repeat(64)), dir)))
                .singleElement().asString().startsWith("app: must be lower-case");
        assertThat(problems(Manifests.parse(hello().replace("app: shop", "app: 1shop"), dir)))
                .singleElement().asString().startsWith("app: must be lower-case");
        assertThat(problems(Manifests.parse(hello().replace("app: shop", "app: [shop]"), dir)))
                .containsExactly("app: must be a name, was a list");
    }

    @Test
    void parse_whenFunctionsIsEmpty_requiresOne() {
        assertThat(problems(Manifests.parse("app: shop\nfunctions: {}\n", dir)))
                .containsExactly("functions: at least one function is required");
        assertThat(problems(Manifests.parse("app: shop\nfunctions:\n", dir)))
                .containsExactly("functions: is required: a mapping of function names to their settings");
    }

    @Test
    void parse_whenManyThingsAreWrong_reportsEveryOneInFileOrder() {
        String yaml = """
                app: Shop
                functions:
                  hello:
                    runtime: java17
                    handler: dev.gust.examples.Hello
                    code: target/hello-java.jar
                    memory: 64
                    memroy: 128
                    routes:
                      - GET /hello
                      - FETCH /x
                  Bad_Name:
                    runtime: java21
                    code: ../outside.jar
                """;

        assertThat(problems(Manifests.parse(yaml, dir))).containsExactly(
                "app: must be lower-case letters, digits and dashes, starting with a letter, at most 63 characters, was \"Shop\"",
                "functions.hello.runtime: must be one of: java21, was \"java17\"",
                "functions.hello.memory: must be 128..10240 MB, was 64",
                "functions.hello.memroy: unknown key; did you mean memory? allowed: runtime, handler, code, memory, "
                        + "timeout, concurrency, environment, network, routes, async, sample-event",
                "functions.hello.routes[1]: method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY, was \"FETCH\"",
                "functions.Bad_Name: must be lower-case letters, digits and dashes, starting with a letter, at most 63 characters, was \"Bad_Name\"",
                "functions.Bad_Name.handler: is required: a Java class name like com.example.Hello",
                "functions.Bad_Name.code: must stay inside the app directory, was \"../outside.jar\"");
    }

    @Test
    void parse_whenAKeyIsWrittenTwice_reportsTheRepeatWithTheFirstLine() {
        var problems = problems(Manifests.parse(hello("memory: 256", "memory: 512"), dir));

        assertThat(problems).containsExactly("functions.hello.memory: duplicate key (first at line 7)");
    }

    @Test
    void parse_whenAFunctionIsWrittenTwice_reportsTheRepeat() {
        String yaml = hello() + "  hello:\n    runtime: java21\n";

        assertThat(problems(Manifests.parse(yaml, dir))).containsExactly("functions.hello: duplicate key (first at line 3)");
    }

    @Test
    void parse_whenAValueIsAnAlias_saysAliasesAreNotSupported() {
        String yaml = hello("memory: &m 512", "timeout: *m");

        assertThat(problems(Manifests.parse(yaml, dir)))
                .containsExactly("functions.hello.timeout: YAML aliases (*m) are not supported; write the value out");
    }

    @Test
    void parse_whenNestingIsVeryDeep_reportsAProblemInsteadOfOverflowing() {
        var problems = problems(Manifests.parse("app: " + "[".repeat(100_000), dir));

        assertThat(problems).singleElement().asString().startsWith("invalid YAML");
    }

    @Test
    void orThrow_whenInvalid_throwsWithEveryProblem() {
        var result = Manifests.parse(hello("memory: 1", "timeout: 0"), dir);

        assertThatThrownBy(result::orThrow)
                .isInstanceOfSatisfying(ManifestException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::path)
                            .containsExactly("functions.hello.memory", "functions.hello.timeout");
                    assertThat(e.isSafe()).isTrue();
                })
                .hasMessage("""
                        gust.yaml has 2 problems:
                          functions.hello.memory: must be 128..10240 MB, was 1
                          functions.hello.timeout: must be 100ms..15m, was 0""");
    }

    @Test
    void parse_whenValid_hasNoWarningsForAHandlerThatIsThere() {
        var result = (ManifestResult.Valid) Manifests.parse(hello(), dir);

        assertThat(result.warnings()).isEmpty();
    }
}
