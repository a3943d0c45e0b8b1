package dev.gust.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleTest {
    private static final Target FN = new Target.FunctionTarget("ship-order");

    private static List<String> problems(Rule rule) {
        return rule.check("").stream().map(Problem::toString).toList();
    }

    @Test
    void check_whenRuleIsValid_findsNothing() {
        Rule rule = new Rule("orders.paid", "{\"type\":[\"order.paid\"]}", List.of(FN),
                Optional.of(new InputTransformer(Map.of("id", "$.data.id"), "{\"order\": <id>}")));

        assertThat(rule.check("")).isEmpty();
    }

    @Test
    void check_whenPatternIsInvalid_givesEventRulersReason() {
        assertThat(problems(Rule.of("r", "{\"type\":\"order.paid\"}", FN))).containsExactly(
                "pattern: \"type\" must be an object or an array (line 1, column 10)");
        assertThat(problems(Rule.of("r", "{\"type\":[{\"prefix\":1}]}", FN))).containsExactly(
                "pattern: prefix match pattern must be a string (line 1, column 21)");
        assertThat(problems(Rule.of("r", "not json", FN))).singleElement().asString().startsWith("pattern: ");
        assertThat(problems(Rule.of("r", "{\"data\":{\"total\":[{\"numeric\":[\"~\",1]}]}}", FN)))
                .singleElement().asString().startsWith("pattern: ");
    }

    @Test
    void check_whenPatternIsBlank_saysWhatAPatternLooksLike() {
        assertThat(problems(Rule.of("r", " ", FN))).containsExactly(
                "pattern: must be an event pattern, a JSON object such as {\"type\": [\"order.created\"]}");
    }

    @Test
    void check_whenNameIsInvalid_saysWhatIsAllowed() {
        assertThat(problems(Rule.of("", "{\"type\":[\"t\"]}", FN))).containsExactly(
                "name: must be 1 to 64 letters, digits, '.', '_' or '-', was \"\"");
        assertThat(problems(Rule.of("x".repeat(65), "{\"type\":[\"t\"]}", FN))).hasSize(1);
    }

    @Test
    void check_whenTargetsAreMissingOrTooMany_saysHowMany() {
        assertThat(problems(Rule.of("r", "{\"type\":[\"t\"]}"))).containsExactly("targets: must have 1 to 5 targets, has 0");
        Target[] six = Collections.nCopies(6, FN).toArray(Target[]::new);
        assertThat(problems(Rule.of("r", "{\"type\":[\"t\"]}", six))).containsExactly(
                "targets: must have 1 to 5 targets, has 6");
    }

    @Test
    void check_whenATargetOrTheTransformerIsInvalid_pathsLeadIntoThem() {
        Rule rule = new Rule("r", "{\"type\":[\"t\"]}", List.of(FN, new Target.QueueTarget("no spaces")),
                Optional.of(new InputTransformer(Map.of(), "<missing>")));

        assertThat(rule.check("rules[3]")).extracting(Problem::path).containsExactly(
                "rules[3].targets[1].name", "rules[3].transformer.inputTemplate");
    }
}
