package dev.gust.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSONPath subset input transformers use: {@code $}, then dotted field names and {@code [n]}
 * array indexes, e.g. {@code $.data.items[0].sku}. Immutable.
 */
final class JsonPath {
    static final String SYNTAX = "$ followed by .name and [index] steps, e.g. $.data.items[0].sku";
    private static final Pattern STEP = Pattern.compile("\\.([^.\\[\\]\\s]+)|\\[(\\d{1,9})]");

    private final List<Object> steps;

    private JsonPath(List<Object> steps) {
        this.steps = steps;
    }

    /** @return the path, or empty when the text is not in the subset */
    static Optional<JsonPath> parse(String text) {
        if (!text.startsWith("$")) {
            return Optional.empty();
        }
        var steps = new ArrayList<Object>();
        Matcher matcher = STEP.matcher(text);
        int at = 1;
        while (at < text.length()) {
            if (!matcher.find(at) || matcher.start() != at) {
                return Optional.empty();
            }
            steps.add(matcher.group(1) != null ? matcher.group(1) : Integer.parseInt(matcher.group(2)));
            at = matcher.end();
        }
        return Optional.of(new JsonPath(List.copyOf(steps)));
    }

    /** @return the value at this path, or empty when a step is missing */
    Optional<JsonNode> resolve(JsonNode root) {
        JsonNode node = root;
        for (Object step : steps) {
            node = step instanceof String name ? node.get(name) : node.get((Integer) step);
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }
}
