package dev.gust.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.events.InputTransformer;
import dev.gust.events.Rule;
import dev.gust.events.Target;
import dev.gust.store.EventStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployed rule as the store keeps it:
 * {@code {pattern, targets: [{function}, {queue}, {workflow} or {webhook}], inputTransformer}}.
 */
final class RuleJson {
    private RuleJson() {
    }

    static String write(Rule r) {
        ObjectNode o = HttpIo.JSON.createObjectNode();
        o.put("name", r.name());
        o.put("pattern", r.pattern());
        var targets = o.putArray("targets");
        r.targets().forEach(t -> targets.add(target(t)));
        r.transformer().ifPresent(t -> o.set("inputTransformer", HttpIo.JSON.createObjectNode()
                .<ObjectNode>set("inputPathsMap", HttpIo.JSON.valueToTree(t.inputPathsMap()))
                .put("inputTemplate", t.inputTemplate())));
        return o.toString();
    }

    private static ObjectNode target(Target t) {
        return switch (t) {
            case Target.FunctionTarget f -> HttpIo.JSON.createObjectNode().put("function", f.name());
            case Target.QueueTarget q -> HttpIo.JSON.createObjectNode().put("queue", q.name());
            case Target.WebhookTarget w -> HttpIo.JSON.createObjectNode().set("webhook",
                    HttpIo.JSON.createObjectNode().put("url", w.url()).put("secretRef", w.secretRef()));
            case Target.WorkflowTarget w -> HttpIo.JSON.createObjectNode().put("workflow", w.name());
        };
    }

    static Rule read(EventStore.StoredRule row) {
        return read(row.definition());
    }

    private static Rule read(String definition) {
        try {
            JsonNode o = HttpIo.JSON.readTree(definition);
            List<Target> targets = new ArrayList<>();
            o.get("targets").forEach(t -> targets.add(target(t)));
            return new Rule(o.get("name").asText(), o.get("pattern").asText(), targets, transformer(o.get("inputTransformer")));
        } catch (IOException e) {
            throw new IllegalStateException("a stored rule is not JSON: " + definition, e);
        }
    }

    private static Target target(JsonNode t) {
        if (t.has("function")) {
            return new Target.FunctionTarget(t.get("function").asText());
        }
        if (t.has("queue")) {
            return new Target.QueueTarget(t.get("queue").asText());
        }
        if (t.has("workflow")) {
            return new Target.WorkflowTarget(t.get("workflow").asText());
        }
        return new Target.WebhookTarget(t.get("webhook").get("url").asText(), t.get("webhook").get("secretRef").asText());
    }

    private static Optional<InputTransformer> transformer(JsonNode t) {
        if (t == null) {
            return Optional.empty();
        }
        Map<String, String> paths = new LinkedHashMap<>();
        t.get("inputPathsMap").properties().forEach(e -> paths.put(e.getKey(), e.getValue().asText()));
        return Optional.of(new InputTransformer(paths, t.get("inputTemplate").asText()));
    }
}
