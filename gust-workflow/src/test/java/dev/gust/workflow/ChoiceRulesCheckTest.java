package dev.gust.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs {@code conformance/choice-checks}: a rule and exactly the problems its check reports. */
class ChoiceRulesCheckTest {

    static Stream<Arguments> cases() {
        return Conformance.cases("choice-checks");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check_reportsExactlyTheProblemsOfTheCase(String name, JsonNode c) {
        List<Problem> problems = ChoiceRules.check(c.get("rule"), "/States/Pick/Choices/0", c.get("topLevel").asBoolean());

        assertThat(problems).hasSameSizeAs(c.get("problems"));
        for (JsonNode expected : c.get("problems")) {
            assertThat(problems).as("problems %s", problems).anySatisfy(p -> {
                assertThat(p.pointer()).isEqualTo("/States/Pick/Choices/0" + expected.get("pointer").asText());
                assertThat(p.message()).contains(expected.get("contains").asText());
            });
        }
    }

    @Test
    void parse_whenTheRuleIsInvalid_refusesItNamingEveryProblem() throws Exception {
        JsonNode rule = Conformance.MAPPER.readTree("{\"Variable\": \"x\", \"NumericEquals\": \"1\"}");

        assertThatThrownBy(() -> ChoiceRules.parse(rule))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/Variable")
                .hasMessageContaining("/NumericEquals");
    }

    @Test
    void parse_buildsTheModelOfEveryKindOfRule() throws Exception {
        JsonNode rule = Conformance.MAPPER.readTree("""
                {"Next": "A", "And": [
                  {"Variable": "$.n", "NumericLessThanPath": "$.max"},
                  {"Not": {"Variable": "$.s", "IsNull": true}},
                  {"Or": [{"Variable": "$.s", "StringMatches": "a*"}]}]}""");

        ChoiceRule parsed = ChoiceRules.parse(rule);

        assertThat(parsed).isEqualTo(new ChoiceRule.And(List.of(
                new ChoiceRule.Comparison("$.n", ChoiceOperator.NUMERIC_LESS_THAN, new ChoiceRule.PathOperand("$.max")),
                new ChoiceRule.Not(new ChoiceRule.TypeTest("$.s", ChoiceRule.Test.IsNull, true)),
                new ChoiceRule.Or(List.of(new ChoiceRule.Comparison("$.s", ChoiceOperator.STRING_MATCHES,
                        new ChoiceRule.Literal(Conformance.MAPPER.getNodeFactory().textNode("a*"))))))));
    }
}
