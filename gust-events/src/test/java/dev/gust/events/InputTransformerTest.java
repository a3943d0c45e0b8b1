package dev.gust.events;

import static dev.gust.events.RuleSetTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputTransformerTest {
    private static final JsonNode EVENT = CloudEventCodec.create().toRulerJson(RuleSetTest.ORDER);

    private static String apply(Map<String, String> paths, String template) {
        InputTransformer transformer = new InputTransformer(paths, template);
        assertThat(transformer.check("transformer")).isEmpty();
        return transformer.apply(EVENT, "orders-paid");
    }

    @Test
    void apply_outsideQuotes_insertsJsonValues() {
        String out = apply(Map.of("total", "$.data.total", "status", "$.data.status", "items", "$.data.items"),
                "{\"total\": <total>, \"status\": <status>, \"items\": <items>}");

        assertThat(json(out)).isEqualTo(json("""
                {"total": 120.5, "status": "PAID", "items": [{"sku": "A-1"}, {"sku": "B-2"}]}"""));
    }

    @Test
    void apply_insideQuotes_insertsTheStringWithoutItsQuotes() {
        String out = apply(Map.of("status", "$.data.status", "sku", "$.data.items[1].sku", "total", "$.data.total"),
                "{\"text\": \"order <sku> is <status> for <total>\"}");

        assertThat(json(out)).isEqualTo(json("{\"text\": \"order B-2 is PAID for 120.5\"}"));
    }

    @Test
    void apply_insideQuotes_escapesValuesSoTheResultStaysJson() {
        JsonNode event = json("{\"data\": {\"note\": \"say \\\"hi\\\"\", \"obj\": {\"a\": 1}}}");
        InputTransformer transformer = new InputTransformer(
                Map.of("note", "$.data.note", "obj", "$.data.obj"), "{\"n\": \"<note>\", \"o\": \"<obj>\"}");

        assertThat(json(transformer.apply(event, "r"))).isEqualTo(json("{\"n\": \"say \\\"hi\\\"\", \"o\": \"{\\\"a\\\":1}\"}"));
    }

    @Test
    void apply_whenPathFindsNothing_insertsNullOrAnEmptyString() {
        String out = apply(Map.of("gone", "$.data.nothing[3]"), "{\"a\": <gone>, \"b\": \"[<gone>]\"}");

        assertThat(json(out)).isEqualTo(json("{\"a\": null, \"b\": \"[]\"}"));
    }

    @Test
    void apply_offersTheWholeEventAndTheRuleName() {
        String out = apply(Map.of(), "{\"rule\": <gust.events.rule-name>, \"event\": <gust.events.event>}");

        assertThat(json(out).get("rule").textValue()).isEqualTo("orders-paid");
        assertThat(json(out).get("event")).isEqualTo(EVENT);
    }

    @Test
    void apply_whenTemplateIsPlainText_fillsItIn() {
        assertThat(apply(Map.of("id", "$.id"), "\"event <id> arrived\"")).isEqualTo("\"event e-1 arrived\"");
    }

    @Test
    void check_whenTemplateNamesUnknownVariables_namesEachOne() {
        InputTransformer transformer = new InputTransformer(Map.of("id", "$.id"), "{\"a\": <id>, \"b\": <nope>, \"c\": \"<other>\"}");

        assertThat(transformer.check("transformer")).extracting(Problem::toString).containsExactly(
                "transformer.inputTemplate: <nope> is not in inputPathsMap (nor gust.events.event or gust.events.rule-name)",
                "transformer.inputTemplate: <other> is not in inputPathsMap (nor gust.events.event or gust.events.rule-name)");
    }

    @Test
    void check_whenPathsAreOutsideTheSubset_saysWhatIsAllowed() {
        var paths = new LinkedHashMap<String, String>();
        paths.put("a", "data.id");
        paths.put("b", "$..id");
        paths.put("c", "$.items[*]");
        paths.put("d", "$.items[0]x");

        assertThat(new InputTransformer(paths, "<a><b><c><d>").check("t")).extracting(Problem::path)
                .containsExactly("t.inputPathsMap.a", "t.inputPathsMap.b", "t.inputPathsMap.c", "t.inputPathsMap.d");
        assertThat(new InputTransformer(Map.of("a", "x"), "<a>").check("t")).singleElement().asString()
                .isEqualTo("t.inputPathsMap.a: must be " + InputTransformer.PATH_SYNTAX + ", was \"x\"");
    }

    @Test
    void check_whenVariableNameHasOtherCharacters_rejectsIt() {
        assertThat(new InputTransformer(Map.of("order id", "$.id"), "{}").check("t")).extracting(Problem::toString)
                .containsExactly("t.inputPathsMap.order id: variable names are letters, digits, _ and -, was \"order id\"");
    }

    @Test
    void check_whenMoreThan100Variables_saysHowMany() {
        var paths = new LinkedHashMap<String, String>();
        for (int i = 0; i < 101; i++) {
            paths.put("v" + i, "$.id");
        }

        assertThat(new InputTransformer(paths, "{}").check("t")).extracting(Problem::toString)
                .containsExactly("t.inputPathsMap: may name at most 100 variables, has 101");
    }

    @Test
    void check_whenTemplateIsEmptyOrTooLong_saysTheLimit() {
        assertThat(new InputTransformer(Map.of(), "").check("t")).extracting(Problem::toString)
                .containsExactly("t.inputTemplate: must be 1 to 8192 characters, has 0");
        assertThat(new InputTransformer(Map.of(), "x".repeat(8193)).check("t")).hasSize(1);
    }

    @Test
    void apply_withAWholeRule_reshapesTheEventAsATargetWouldReceiveIt() {
        Rule rule = new Rule("paid", "{\"data\":{\"status\":[\"PAID\"]}}", List.of(new Target.QueueTarget("shipping")),
                java.util.Optional.of(new InputTransformer(Map.of("sku", "$.data.items[0].sku"), "{\"ship\": <sku>}")));
        RuleSet rules = RuleSet.of(List.of(rule));

        List<String> delivered = rules.matching(EVENT).stream()
                .map(r -> r.transformer().orElseThrow().apply(EVENT, r.name())).toList();

        assertThat(delivered).containsExactly("{\"ship\": \"A-1\"}");
    }

    @Test
    void apply_whenTemplateHasEscapedQuotes_stillKnowsWhichPlaceholdersAreInsideStrings() {
        String out = apply(Map.of("s", "$.data.status"), "{\"a\": \"say \\\"<s>\\\"\", \"b\": <s>}");

        assertThat(json(out)).isEqualTo(json("{\"a\": \"say \\\"PAID\\\"\", \"b\": \"PAID\"}"));
    }
}
