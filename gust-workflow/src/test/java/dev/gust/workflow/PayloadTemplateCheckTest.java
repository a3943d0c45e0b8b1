package dev.gust.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadTemplateCheckTest {

    private static JsonNode json(String text) throws Exception {
        return Conformance.MAPPER.readTree(text);
    }

    @Test
    void check_whenEveryDollarFieldHoldsAPathOrACall_findsNothing() throws Exception {
        JsonNode template = json("""
                {"plain": {"nested": [1, {"x.$": "$.a"}]}, "ctx.$": "$$.Execution.Id",
                 "call.$": "States.Format('{} {}', $.a, States.UUID())", "literal": "$.not-evaluated"}""");

        assertThat(PayloadTemplate.check(template, "/States/S/Parameters")).isEmpty();
    }

    @Test
    void check_reportsEveryProblemWithItsPointer() throws Exception {
        JsonNode template = json("""
                {"bad.$": "a.b", "num.$": 5, "deep": {"list": [{"f.$": "States.Nope()"}]},
                 "arity.$": "States.ArrayLength()", "dup": 1, "dup.$": "$.x", "sl/ash.$": "$["}""");

        List<Problem> problems = PayloadTemplate.check(template, "/States/S/Parameters");

        assertThat(problems).extracting(Problem::pointer).containsExactly(
                "/States/S/Parameters/bad.$",
                "/States/S/Parameters/num.$",
                "/States/S/Parameters/deep/list/0/f.$",
                "/States/S/Parameters/arity.$",
                "/States/S/Parameters/dup.$",
                "/States/S/Parameters/sl~1ash.$");
        assertThat(problems).extracting(Problem::message).satisfiesExactly(
                m -> assertThat(m).contains("takes a path ($...), a context object path ($$...) or an intrinsic call"),
                m -> assertThat(m).contains("not a number"),
                m -> assertThat(m).contains("unknown function States.Nope"),
                m -> assertThat(m).contains("States.ArrayLength takes exactly 1 argument, got 0"),
                m -> assertThat(m).contains("produces the field 'dup' a second time"),
                m -> assertThat(m).contains("not valid JSONPath"));
    }

    @Test
    void evaluate_leavesTheTemplateAndTheInputUnchanged() throws Exception {
        JsonNode template = json("{\"a.$\": \"$.x\", \"b\": [{\"c.$\": \"$.x\"}]}");
        JsonNode input = json("{\"x\": {\"y\": 1}}");
        JsonNode templateBefore = template.deepCopy();
        JsonNode inputBefore = input.deepCopy();

        JsonNode out = PayloadTemplate.evaluate(template, input, json("{}"), Intrinsics.standard());

        assertThat(out).isEqualTo(json("{\"a\": {\"y\": 1}, \"b\": [{\"c\": {\"y\": 1}}]}"));
        assertThat(template).isEqualTo(templateBefore);
        assertThat(input).isEqualTo(inputBefore);
    }
}
