package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Payload templates: {@code Parameters}, {@code ResultSelector} and {@code ItemSelector}, whose
 * fields ending in {@code .$} take their value from a path, the context object or an intrinsic
 * function. Nested objects and arrays are evaluated too; a {@code .$} field's key loses its
 * {@code .$}.
 *
 * <p>Pure functions; any thread.
 */
public final class PayloadTemplate {
    private static final String SUFFIX = ".$";

    private PayloadTemplate() {
    }

    /**
     * @param template the template as written (any JSON value)
     * @param pointer where it is, e.g. {@code /States/Call/Parameters}
     * @return every problem (a {@code .$} field whose value is not a valid path or intrinsic
     *     call, ...), each with its pointer; empty when valid
     */
    public static List<Problem> check(JsonNode template, String pointer) {
        List<Problem> problems = new ArrayList<>();
        check(template, pointer, problems);
        return List.copyOf(problems);
    }

    private static void check(JsonNode node, String pointer, List<Problem> problems) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), pointer + "/" + i, problems);
            }
        } else if (node.isObject()) {
            Set<String> keys = new HashSet<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String at = pointer + "/" + escape(field.getKey());
                if (!keys.add(outputKey(field.getKey()))) {
                    problems.add(new Problem(at, "produces the field '" + outputKey(field.getKey()) + "' a second time"));
                }
                checkField(field.getKey(), field.getValue(), at, problems);
            }
        }
    }

    private static void checkField(String key, JsonNode value, String at, List<Problem> problems) {
        if (!key.endsWith(SUFFIX)) {
            check(value, at, problems);
        } else if (!value.isTextual()) {
            problems.add(new Problem(at, "a field ending in .$ takes a path ($...), a context object path ($$...) "
                    + "or an intrinsic call (States.X(...)) as a string, not " + Paths.describe(value)));
        } else {
            checkExpression(value.textValue()).ifPresent(problem -> problems.add(new Problem(at, problem)));
        }
    }

    private static Optional<String> checkExpression(String text) {
        if (Intrinsics.isCall(text)) {
            return Intrinsics.check(text);
        }
        return text.startsWith("$") ? Paths.checkPath(text) : Optional.of("a field ending in .$ takes a path ($...), "
                + "a context object path ($$...) or an intrinsic call (States.X(...)), not '" + text + "'");
    }

    /**
     * Evaluates a template against a state's (effective) input.
     *
     * @param template the template as written
     * @param input what {@code $...} paths read
     * @param context what {@code $$...} paths read: the context object
     * @param intrinsics the intrinsic functions, with their randomness
     * @return a new value; the template itself is not modified
     * @throws WorkflowError {@code States.ParameterPathFailure} when a {@code .$} path matches
     *     nothing; {@code States.IntrinsicFailure} when an intrinsic call fails
     */
    public static JsonNode evaluate(JsonNode template, JsonNode input, JsonNode context, Intrinsics intrinsics) {
        if (template.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(template.size());
            template.forEach(item -> out.add(evaluate(item, input, context, intrinsics)));
            return out;
        }
        if (!template.isObject()) {
            return template.deepCopy();
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : template.properties()) {
            out.set(outputKey(field.getKey()), value(field.getKey(), field.getValue(), input, context, intrinsics));
        }
        return out;
    }

    private static JsonNode value(String key, JsonNode value, JsonNode input, JsonNode context, Intrinsics intrinsics) {
        if (!key.endsWith(SUFFIX)) {
            return evaluate(value, input, context, intrinsics);
        }
        if (!value.isTextual()) {
            throw WorkflowError.runtime("the field '" + key + "' must hold a path or an intrinsic call, not " + Paths.describe(value));
        }
        String text = value.textValue();
        try {
            return Intrinsics.isCall(text) ? intrinsics.evaluate(text, input, context) : Paths.read(text, input, context);
        } catch (WorkflowError e) {
            if (!e.error().equals(WorkflowError.RUNTIME)) {
                throw e;
            }
            throw new WorkflowError(WorkflowError.PARAMETER_PATH_FAILURE, "the field '" + key + "': " + e.cause());
        }
    }

    private static String outputKey(String key) {
        return key.endsWith(SUFFIX) ? key.substring(0, key.length() - SUFFIX.length()) : key;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
