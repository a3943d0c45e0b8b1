package dev.gust.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs {@code conformance/choices}: a {@code rule} (valid as a nested rule) and whether it matches the input. */
class ChoiceRulesConformanceTest {

    static Stream<Arguments> cases() {
        return Conformance.cases("choices");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rule_matchesAsTheCaseSays(String name, JsonNode c) {
        assertThat(ChoiceRules.check(c.get("rule"), "", false)).isEmpty();
        ChoiceRule rule = ChoiceRules.parse(c.get("rule"));
        Conformance.expect(c, () -> BooleanNode.valueOf(ChoiceRules.evaluate(rule, Conformance.input(c), Conformance.context(c))));
    }
}
