package dev.gust.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.events.InputTransformer;
import dev.gust.events.Rule;
import dev.gust.events.Target;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code rules}: event bus rules by name, each an EventBridge pattern, its targets and an
 * optional input transformer. The rule's own checks (event-ruler's reason for a bad pattern) are
 * reported at the rule's path.
 */
final class RuleReader {
    static final List<String> KEYS = List.of("pattern", "targets", "input-transformer");
    static final List<String> TARGET_KEYS = List.of("function", "queue", "webhook", "workflow");
    static final List<String> WEBHOOK_KEYS = List.of("url", "secret");
    static final List<String> TRANSFORMER_KEYS = List.of("input-paths", "input-template");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RuleReader() {
    }

    static Optional<List<Rule>> read(Field f) {
        return f.mapping("a mapping of rule names to their pattern and targets").flatMap(m -> {
            Keys.reportRepeated(f, m);
            List<Rule> rules = new ArrayList<>();
            m.entries().forEach((name, entry) -> rule(f.key(name, entry.value()), name).ifPresent(rules::add));
            return Optional.of(rules);
        });
    }

    private static Optional<Rule> rule(Field f, String name) {
        return f.mapping("a mapping of " + String.join(", ", KEYS)).flatMap(m -> {
            var keys = new Keys(f, m, KEYS);
            var pattern = keys.required("pattern", "an EventBridge event pattern, like {type: [order.paid]}",
                    RuleReader::pattern);
            var targets = keys.required("targets", "a list of targets, like [{function: ship}]", RuleReader::targets);
            var transformer = keys.optional("input-transformer", Optional.<InputTransformer>empty(),
                    RuleReader::transformer);
            if (pattern.isEmpty() || targets.isEmpty() || transformer.isEmpty()) {
                return Optional.empty();
            }
            return checked(f, new Rule(name, pattern.get(), targets.get(), transformer.get()));
        });
    }

    /** Reports the rule's own problems (name, pattern, targets, transformer) under its path. */
    private static Optional<Rule> checked(Field f, Rule rule) {
        var problems = rule.check(f.path());
        problems.forEach(p -> f.problems().add(p.path(), f.node().mark(), p.message()));
        return problems.isEmpty() ? Optional.of(rule) : Optional.empty();
    }

    /** A pattern is written as YAML (a mapping) or as a string of JSON. */
    private static Optional<String> pattern(Field f) {
        if (f.node() instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.STRING) {
            return Optional.of(s.text());
        }
        return f.mapping("an EventBridge event pattern: a mapping, or a string of JSON").flatMap(m -> json(f, m));
    }

    private static Optional<String> json(Field f, YamlNode.Mapping m) {
        try {
            return Optional.of(JSON.writeValueAsString(node(m)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return f.fail("cannot be written as JSON: " + e.getMessage());
        }
    }

    private static JsonNode node(YamlNode n) {
        return switch (n) {
            case YamlNode.Mapping m -> object(m);
            case YamlNode.Sequence s -> NODES.arrayNode().addAll(s.items().stream().map(RuleReader::node).toList());
            case YamlNode.Scalar s -> scalar(s);
        };
    }

    private static ObjectNode object(YamlNode.Mapping m) {
        ObjectNode o = NODES.objectNode();
        m.entries().forEach((k, e) -> o.set(k, node(e.value())));
        return o;
    }

    private static JsonNode scalar(YamlNode.Scalar s) {
        return switch (s.kind()) {
            case STRING -> NODES.textNode(s.text());
            case INTEGER -> NODES.numberNode(new BigInteger(s.text().replace("_", "")));
            case FLOAT -> NODES.numberNode(new BigDecimal(s.text().replace("_", "")));
            case BOOLEAN -> NODES.booleanNode(Boolean.parseBoolean(s.text()));
            case NULL -> NODES.nullNode();
            case ALIAS -> throw new IllegalArgumentException("YAML aliases (*" + s.text() + ") are not supported");
        };
    }

    private static Optional<List<Target>> targets(Field f) {
        return f.sequence("a list of targets, like [{function: ship}]").flatMap(s -> {
            List<Target> targets = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < s.items().size(); i++) {
                var t = target(f.item(i, s.items().get(i)));
                ok &= t.isPresent();
                t.ifPresent(targets::add);
            }
            return ok ? Optional.of(targets) : Optional.empty();
        });
    }

    private static Optional<Target> target(Field f) {
        String forms = "one of {function: name}, {queue: name}, {workflow: name}, {webhook: {url, secret}}";
        return f.mapping(forms).flatMap(m -> {
            if (m.entries().size() != 1) {
                return f.fail("must have exactly one of " + String.join(", ", TARGET_KEYS));
            }
            var keys = new Keys(f, m, TARGET_KEYS);
            if (m.entries().containsKey("function")) {
                return keys.required("function", "a function name", t -> t.text("a function name"))
                        .map(Target.FunctionTarget::new);
            }
            if (m.entries().containsKey("webhook")) {
                return keys.required("webhook", "{url: https://..., secret: NAME}", RuleReader::webhook);
            }
            if (m.entries().containsKey("queue")) {
                return keys.required("queue", "a queue name", t -> t.text("a queue name")).map(Target.QueueTarget::new);
            }
            if (m.entries().containsKey("workflow")) {
                return keys.required("workflow", "a workflow name", t -> t.text("a workflow name"))
                        .map(Target.WorkflowTarget::new);
            }
            return Optional.empty();
        });
    }

    private static Optional<Target> webhook(Field f) {
        return f.mapping("a mapping of url and secret").flatMap(m -> {
            var keys = new Keys(f, m, WEBHOOK_KEYS);
            var url = keys.required("url", "the endpoint, an http or https URL", u -> u.text("a URL"));
            var secret = keys.required("secret", "the name of the node secret the POSTs are signed with",
                    s -> s.text("a secret name"));
            return url.flatMap(u -> secret.map(s -> new Target.WebhookTarget(u, s)));
        });
    }

    private static Optional<Optional<InputTransformer>> transformer(Field f) {
        return f.mapping("a mapping of " + String.join(", ", TRANSFORMER_KEYS)).flatMap(m -> {
            var keys = new Keys(f, m, TRANSFORMER_KEYS);
            var paths = keys.optional("input-paths", Map.<String, String>of(), RuleReader::paths);
            var template = keys.required("input-template", "a template like {\"order\": <order>}",
                    t -> t.text("a template like {\"order\": <order>}"));
            if (paths.isEmpty() || template.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Optional.of(new InputTransformer(paths.get(), template.get())));
        });
    }

    private static Optional<Map<String, String>> paths(Field f) {
        return f.mapping("a mapping of variable names to paths like $.data.id").flatMap(m -> {
            Keys.reportRepeated(f, m);
            Map<String, String> paths = new LinkedHashMap<>();
            m.entries().forEach((k, e) -> f.key(k, e.value()).text("a path like $.data.id")
                    .ifPresent(p -> paths.put(k, p)));
            return paths.size() == m.entries().size() ? Optional.of(paths) : Optional.empty();
        });
    }
}
