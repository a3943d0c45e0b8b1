package dev.gust.manifest;

import static dev.gust.manifest.TestApps.hello;
import static dev.gust.manifest.TestApps.problems;
import static dev.gust.manifest.TestApps.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.events.InputTransformer;
import dev.gust.events.Rule;
import dev.gust.events.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleKeysTest {
    @TempDir
    Path dir;

    @BeforeEach
    void app() {
        TestApps.app(dir);
    }

    private static String withRules(String... lines) {
        return hello() + "rules:\n" + String.join("\n", lines) + "\n";
    }

    @Test
    void rules_whenAbsent_areNone() {
        assertThat(valid(Manifests.parse(hello(), dir)).rules()).isEmpty();
    }

    @Test
    void rules_writtenAsYaml_becomeRulesWithJsonPatterns() {
        var rules = valid(Manifests.parse(withRules(
                "  orders-paid:",
                "    pattern:",
                "      type: [{prefix: com.example.order.}]",
                "      data: {total: [{numeric: ['>', 100]}], paid: [true]}",
                "    targets:",
                "      - function: hello",
                "    input-transformer:",
                "      input-paths: {order: $.data.id}",
                "      input-template: '{\"order\": <order>}'"), dir)).rules();

        assertThat(rules).containsExactly(new Rule("orders-paid",
                "{\"type\":[{\"prefix\":\"com.example.order.\"}],\"data\":{\"total\":[{\"numeric\":[\">\",100]}],"
                        + "\"paid\":[true]}}",
                List.of(new Target.FunctionTarget("hello")),
                Optional.of(new InputTransformer(Map.of("order", "$.data.id"), "{\"order\": <order>}"))));
    }

    @Test
    void rules_withAPatternAsAJsonString_keepTheString() {
        var rules = valid(Manifests.parse(withRules("  r1:", "    pattern: '{\"type\": [\"a\"]}'",
                "    targets: [{function: hello}]"), dir)).rules();

        assertThat(rules).singleElement().extracting(Rule::pattern).isEqualTo("{\"type\": [\"a\"]}");
    }

    @Test
    void rules_withAnInvalidPattern_reportEventRulersReasonAtThePatternsPath() {
        var found = problems(Manifests.parse(withRules("  r1:", "    pattern: {type: [{prefix: 5}]}",
                "    targets: [{function: hello}]"), dir));

        assertThat(found).singleElement().asString().startsWith("rules.r1.pattern: prefix match pattern must be a string");
    }

    @Test
    void rules_withQueueTargets_readTheQueuesName() {
        var rules = valid(Manifests.parse(withRules("  r1:", "    pattern: {type: [a]}",
                "    targets:", "      - queue: Orders_1", "      - queue: orders.fifo"), dir)).rules();

        assertThat(rules.getFirst().targets()).containsExactly(new Target.QueueTarget("Orders_1"),
                new Target.QueueTarget("orders.fifo"));
    }

    @Test
    void rules_withABadQueueName_areRefusedAtTheNamesPath() {
        assertThat(problems(Manifests.parse(withRules("  r1:", "    pattern: {type: [a]}",
                "    targets: [{queue: 'no spaces'}]"), dir))).singleElement().asString()
                .startsWith("rules.r1.targets[0].name: must be a queue name");
    }

    @Test
    void rules_withWorkflowTargets_readTheWorkflowsName() {
        var rules = valid(Manifests.parse(withRules("  r1:", "    pattern: {type: [a]}",
                "    targets: [{workflow: order-saga}, {function: hello}]"), dir)).rules();

        assertThat(rules.getFirst().targets()).containsExactly(new Target.WorkflowTarget("order-saga"),
                new Target.FunctionTarget("hello"));
    }

    @Test
    void rules_withABadWorkflowName_areRefusedAtTheNamesPath() {
        var found = problems(Manifests.parse(withRules("  r1:", "    pattern: {type: [a]}",
                "    targets: [{workflow: Order_Saga}]"), dir));

        assertThat(found).singleElement().asString()
                .startsWith("rules.r1.targets[0].name: must be a workflow name: lower-case letters");
    }

    @Test
    void rules_withWebhookTargets_readUrlAndSecret_andCheckBoth() {
        var ok = valid(Manifests.parse(withRules("  r1:", "    pattern: {type: [a]}",
                "    targets: [{webhook: {url: 'https://x.example/h', secret: hook}}]"), dir)).rules();
        var bad = problems(Manifests.parse(withRules("  r1:", "    pattern: {type: [a]}",
                "    targets: [{webhook: {url: 'ftp://x', secret: 'no/slash'}}]"), dir));

        assertThat(ok.getFirst().targets()).containsExactly(new Target.WebhookTarget("https://x.example/h", "hook"));
        assertThat(bad).anySatisfy(p -> assertThat(p).startsWith("rules.r1.targets[0].url: must be an absolute http"))
                .anySatisfy(p -> assertThat(p).startsWith("rules.r1.targets[0].secretRef: must be a secret name"));
    }

    @Test
    void rules_withMissingOrUnknownKeys_reportEach() {
        var found = problems(Manifests.parse(withRules("  r1:", "    targets: [{function: hello}]", "    patern: {}",
                "  r2:", "    pattern: {type: [a]}", "    targets: []"), dir));

        assertThat(found).anySatisfy(p -> assertThat(p).startsWith("rules.r1.pattern: is required"))
                .anySatisfy(p -> assertThat(p).startsWith("rules.r1.patern: unknown key; did you mean pattern?"))
                .anySatisfy(p -> assertThat(p).startsWith("rules.r2.targets"));
    }
}
