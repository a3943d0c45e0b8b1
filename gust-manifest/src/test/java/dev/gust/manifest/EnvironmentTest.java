package dev.gust.manifest;

import static dev.gust.manifest.TestApps.hello;
import static dev.gust.manifest.TestApps.problems;
import static dev.gust.manifest.TestApps.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentTest {
    @TempDir
    Path dir;

    @BeforeEach
    void app() {
        TestApps.app(dir);
    }

    private Map<String, String> env(String... lines) {
        var all = new String[lines.length + 1];
        all[0] = "environment:";
        for (int i = 0; i < lines.length; i++) {
            all[i + 1] = "  " + lines[i];
        }
        return valid(Manifests.parse(hello(all), dir)).functions().get("hello").environment();
    }

    private List<String> problemsOf(String... lines) {
        return problems(Manifests.parse(hello(lines), dir));
    }

    @Test
    void environment_whenAbsent_isEmpty() {
        assertThat(valid(Manifests.parse(hello(), dir)).functions().get("hello").environment()).isEmpty();
    }

    @Test
    void environment_keepsNumbersAndBooleansAsWritten() {
        assertThat(env("PORT: 8080", "RATIO: 1.10", "DEBUG: true", "FLAG: yes", "ZIP: 01234", "HEX: 0x1F", "BIG: 1e3"))
                .containsExactly(Map.entry("PORT", "8080"), Map.entry("RATIO", "1.10"), Map.entry("DEBUG", "true"),
                        Map.entry("FLAG", "yes"), Map.entry("ZIP", "01234"), Map.entry("HEX", "0x1F"),
                        Map.entry("BIG", "1e3"));
    }

    @Test
    void environment_whenValueIsEmpty_keepsAnEmptyText() {
        assertThat(env("EMPTY: \"\"", "BLANK:", "TILDE: ~")).containsExactly(
                Map.entry("EMPTY", ""), Map.entry("BLANK", ""), Map.entry("TILDE", ""));
    }

    @Test
    void environment_acceptsNamesWithUnderscoresDigitsAndLowerCase() {
        assertThat(env("_X: a", "lower_case9: b", "GUSTO: c")).containsOnlyKeys("_X", "lower_case9", "GUSTO");
    }

    @Test
    void environment_whenNameIsBad_reportsItAtTheName() {
        assertThat(problemsOf("environment: {9LIVES: a, MY-VAR: b}")).containsExactly(
                "functions.hello.environment.9LIVES: variable names must be letters, digits and _, not starting with a digit ([A-Za-z_][A-Za-z0-9_]*)",
                "functions.hello.environment.MY-VAR: variable names must be letters, digits and _, not starting with a digit ([A-Za-z_][A-Za-z0-9_]*)");
    }

    @Test
    void environment_whenNameIsReserved_saysTheplatformOwnsIt() {
        assertThat(problemsOf("environment: {GUST_X: a}")).containsExactly(
                "functions.hello.environment.GUST_X: names starting with GUST_ are reserved for the platform");
    }

    @Test
    void environment_whenValueIsNotAScalar_saysWhatIsAllowed() {
        assertThat(problemsOf("environment: {LIST: [a, b], MAP: {a: b}}")).containsExactly(
                "functions.hello.environment.LIST: must be a text, number or boolean, was a list",
                "functions.hello.environment.MAP: must be a text, number or boolean, was a mapping");
    }

    @Test
    void environment_whenNotAMapping_saysSo() {
        assertThat(problemsOf("environment: [A=b]")).containsExactly(
                "functions.hello.environment: must be a mapping of variable names to values, was a list");
    }

    @Test
    void environment_atFourKilobytes_isAccepted() {
        String value = "v".repeat(4096 - 1);

        assertThat(env("A: " + value)).containsEntry("A", value);
    }

    @Test
    void environment_aboveFourKilobytes_givesTheSize() {
        assertThat(problemsOf("environment: {A: " + "v".repeat(2000) + ", B: " + "é".repeat(1100) + "}")).containsExactly(
                "functions.hello.environment: names and values take 4202 bytes; at most 4096 (4 KB) are allowed");
        assertThat(problemsOf("environment: {A: " + "v".repeat(4096) + "}")).containsExactly(
                "functions.hello.environment: names and values take 4097 bytes; at most 4096 (4 KB) are allowed");
    }

    @Test
    void environment_whenANameIsWrittenTwice_reportsTheRepeat() {
        assertThat(problemsOf("environment:", "  A: 1", "  A: 2"))
                .containsExactly("functions.hello.environment.A: duplicate key (first at line 8)");
    }
}
