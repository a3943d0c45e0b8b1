package dev.gust.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathsCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"$", "$.a", "$.a.b[0]", "$['my key']", "$.items[*].price", "$.items[?(@.price > 10)]",
        "$..price", "$.vals[-3:]", "$.a[0,1]", "$$", "$$.Execution.Id", "$$.Map.Item.Value"})
    void checkPath_acceptsJsonPathOnTheInputOrTheContext(String path) {
        assertThat(Paths.checkPath(path)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a.b | must start with $",
        "'' | must start with $",
        "$.a[ | unbalanced",
        "$.a] | unbalanced",
        "$['a | unbalanced",
        "$.a. | not valid JSONPath",
        "$.a b | not valid JSONPath",
        "$foo | not valid JSONPath"})
    void checkPath_refusesWhatIsNotAPath_sayingWhatIsAllowed(String path, String problem) {
        assertThat(Paths.checkPath(path)).hasValueSatisfying(message -> assertThat(message)
                .contains(problem).contains("a Path is a JSONPath starting with $"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$", "$.a", "$.a.b", "$.list[0]", "$['my key'][12].x", "$[\"q\"]", "$.my-field_1", "$.error-info"})
    void checkReferencePath_acceptsMemberAndIndexSteps(String path) {
        assertThat(Paths.checkReferencePath(path)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "$.items[*] | unexpected '*'",
        "$..a | unexpected '.'",
        "$.a[?(@.x)] | unexpected '?'",
        "$.a[0:2] | unexpected '0'",
        "$.a[0,1] | unexpected '0'",
        "$.a[-1] | unexpected '-'",
        "$$.Execution.Id | not the context object",
        "a.b | must start with $",
        "$.a. | unexpected the end",
        "$['a | unclosed ['name'] step"})
    void checkReferencePath_refusesAnythingButSimpleSteps(String path, String problem) {
        assertThat(Paths.checkReferencePath(path)).hasValueSatisfying(message -> assertThat(message)
                .contains(problem).contains("a Reference Path is $ followed by .name, ['name'] or [index] steps"));
    }
}
