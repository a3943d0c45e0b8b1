package dev.gust.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class ChoiceRulesPropertiesTest {

    private static boolean matches(String rule, JsonNode input) throws Exception {
        return ChoiceRules.evaluate(ChoiceRules.parse(Conformance.MAPPER.readTree(rule)), input);
    }

    private static ObjectNode pair(JsonNode a, JsonNode b) {
        ObjectNode input = Conformance.MAPPER.createObjectNode();
        input.set("a", a);
        input.set("b", b);
        return input;
    }

    @Property
    void numericOperators_agreeWithBigDecimalOrder(@ForAll BigDecimal a, @ForAll BigDecimal b) throws Exception {
        ObjectNode input = pair(Conformance.MAPPER.getNodeFactory().numberNode(a), Conformance.MAPPER.getNodeFactory().numberNode(b));
        int order = a.compareTo(b);

        assertThat(matches("{\"Variable\": \"$.a\", \"NumericLessThanPath\": \"$.b\"}", input)).isEqualTo(order < 0);
        assertThat(matches("{\"Variable\": \"$.a\", \"NumericEqualsPath\": \"$.b\"}", input)).isEqualTo(order == 0);
        assertThat(matches("{\"Variable\": \"$.a\", \"NumericGreaterThanEqualsPath\": \"$.b\"}", input)).isEqualTo(order >= 0);
    }

    @Property
    void stringOperators_areATotalOrder(@ForAll @StringLength(max = 8) String a, @ForAll @StringLength(max = 8) String b) throws Exception {
        ObjectNode input = pair(Conformance.MAPPER.getNodeFactory().textNode(a), Conformance.MAPPER.getNodeFactory().textNode(b));

        boolean less = matches("{\"Variable\": \"$.a\", \"StringLessThanPath\": \"$.b\"}", input);
        boolean equal = matches("{\"Variable\": \"$.a\", \"StringEqualsPath\": \"$.b\"}", input);
        boolean greater = matches("{\"Variable\": \"$.a\", \"StringGreaterThanPath\": \"$.b\"}", input);

        assertThat((less ? 1 : 0) + (equal ? 1 : 0) + (greater ? 1 : 0)).isEqualTo(1);
        assertThat(equal).isEqualTo(a.equals(b));
    }

    @Property
    void stringMatches_ofAnEscapedString_matchesExactlyThatString(@ForAll @StringLength(max = 20) String text,
            @ForAll @StringLength(max = 20) String other) throws Exception {
        String pattern = text.replace("\\", "\\\\").replace("*", "\\*");
        ObjectNode rule = Conformance.MAPPER.createObjectNode().put("Variable", "$.a").put("StringMatches", pattern);
        ChoiceRule parsed = ChoiceRules.parse(rule);

        assertThat(ChoiceRules.evaluate(parsed, pair(Conformance.MAPPER.getNodeFactory().textNode(text), null))).isTrue();
        assertThat(ChoiceRules.evaluate(parsed, pair(Conformance.MAPPER.getNodeFactory().textNode(other), null))).isEqualTo(other.equals(text));
    }

    @Property
    void not_invertsEveryComparison(@ForAll int a, @ForAll int b) throws Exception {
        ObjectNode input = pair(Conformance.MAPPER.getNodeFactory().numberNode(a), Conformance.MAPPER.getNodeFactory().numberNode(b));

        assertThat(matches("{\"Not\": {\"Variable\": \"$.a\", \"NumericLessThanPath\": \"$.b\"}}", input))
                .isEqualTo(!matches("{\"Variable\": \"$.a\", \"NumericLessThanPath\": \"$.b\"}", input));
    }
}
