package dev.gust.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reshapes a matched event before it reaches a target, as EventBridge's input transformers do.
 * {@code inputPathsMap} names values of the event (as {@link CloudEventCodec#toRulerJson} shapes
 * it), and {@code inputTemplate} places them with {@code <name>} placeholders:
 *
 * <pre>{@code
 * inputPathsMap: {"order": "$.data.id", "total": "$.data.total"}
 * inputTemplate: {"text": "order <order> paid", "amount": <total>}
 * }</pre>
 *
 * <p>Inside a JSON string of the template a placeholder is replaced by the value's text (a string
 * without its quotes, anything else as its JSON, escaped); outside a string by the value's JSON
 * (a string with its quotes). A path that finds nothing gives an empty string inside quotes and
 * {@code null} outside. Two placeholders are always there: {@code <gust.events.event>} (the whole
 * event) and {@code <gust.events.rule-name>}.
 *
 * @param inputPathsMap variable names ({@code [A-Za-z0-9_-]+}, at most 100) to paths, see
 *     {@link #PATH_SYNTAX}
 * @param inputTemplate the text to fill in, at most 8192 characters
 */
public record InputTransformer(Map<String, String> inputPathsMap, String inputTemplate) {

    /** The most variables a transformer may name. */
    public static final int MAX_PATHS = 100;
    /** The longest template, in characters. */
    public static final int MAX_TEMPLATE_CHARS = 8192;
    /** What paths may say. */
    public static final String PATH_SYNTAX = JsonPath.SYNTAX;
    /** The whole event, always available. */
    public static final String EVENT_VARIABLE = "gust.events.event";
    /** The name of the rule that matched, always available. */
    public static final String RULE_NAME_VARIABLE = "gust.events.rule-name";
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z0-9_-]+");

    public InputTransformer {
        inputPathsMap = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputPathsMap));
        Objects.requireNonNull(inputTemplate, "inputTemplate");
    }

    /**
     * @param path where this transformer is written, e.g. {@code transformer}
     * @return every problem, e.g. {@code transformer.inputTemplate: <orderId> is not in inputPathsMap}
     */
    public List<Problem> check(String path) {
        var problems = new ArrayList<Problem>();
        if (inputPathsMap.size() > MAX_PATHS) {
            problems.add(Problem.invalid(path + ".inputPathsMap", "may name at most " + MAX_PATHS
                    + " variables, has " + inputPathsMap.size()));
        }
        inputPathsMap.forEach((name, jsonPath) -> checkEntry(path + ".inputPathsMap." + name, name, jsonPath, problems));
        checkTemplate(path + ".inputTemplate", problems);
        return problems;
    }

    private static void checkEntry(String path, String name, String jsonPath, List<Problem> problems) {
        if (!VARIABLE.matcher(name).matches()) {
            problems.add(Problem.invalid(path, "variable names are letters, digits, _ and -, was "
                    + EventAttributes.quoted(name)));
        }
        if (JsonPath.parse(jsonPath).isEmpty()) {
            problems.add(Problem.invalid(path, "must be " + PATH_SYNTAX + ", was " + EventAttributes.quoted(jsonPath)));
        }
    }

    private void checkTemplate(String path, List<Problem> problems) {
        if (inputTemplate.isEmpty() || inputTemplate.length() > MAX_TEMPLATE_CHARS) {
            problems.add(Problem.invalid(path, "must be 1 to " + MAX_TEMPLATE_CHARS + " characters, has "
                    + inputTemplate.length()));
        }
        for (String name : Template.placeholders(inputTemplate)) {
            if (!isKnown(name)) {
                problems.add(Problem.invalid(path, "<" + name + "> is not in inputPathsMap (nor "
                        + EVENT_VARIABLE + " or " + RULE_NAME_VARIABLE + ")"));
            }
        }
    }

    private boolean isKnown(String name) {
        return inputPathsMap.containsKey(name) || name.equals(EVENT_VARIABLE) || name.equals(RULE_NAME_VARIABLE);
    }

    /**
     * Fills the template for one event. Call it only on a transformer whose {@link #check} found
     * nothing: a placeholder that names no variable is left as it is.
     *
     * @param event the event as {@link CloudEventCodec#toRulerJson} shapes it
     * @param ruleName the rule that matched
     * @return the filled-in template
     */
    public String apply(JsonNode event, String ruleName) {
        var values = new LinkedHashMap<String, Optional<JsonNode>>();
        inputPathsMap.forEach((name, path) -> values.put(name, JsonPath.parse(path).flatMap(p -> p.resolve(event))));
        values.put(EVENT_VARIABLE, Optional.of(event));
        values.put(RULE_NAME_VARIABLE, Optional.of(TextNode.valueOf(ruleName)));
        return Template.render(inputTemplate, values);
    }
}
