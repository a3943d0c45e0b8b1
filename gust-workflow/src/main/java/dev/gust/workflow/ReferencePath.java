package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed Reference Path: {@code $} followed by member ({@code .name}, {@code ['name']}) and
 * index ({@code [0]}) steps only, so that it names exactly one node and can be written to.
 */
record ReferencePath(List<Step> steps) {
    sealed interface Step permits Member, Index {
    }

    record Member(String name) implements Step {
    }

    record Index(int index) implements Step {
    }

    static final String ALLOWED = "a Reference Path is $ followed by .name, ['name'] or [index] steps "
            + "(no wildcards, filters, slices, unions or deep scans), e.g. $.order.items[0]";

    private static final String NAME_STOPS = ".[]*@,:?()'\"";

    /** @throws IllegalArgumentException naming what is wrong */
    static ReferencePath parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("must start with $; " + ALLOWED);
        }
        if (text.startsWith("$$")) {
            throw new IllegalArgumentException("refers to the state's input ($...), not the context object ($$...); " + ALLOWED);
        }
        List<Step> steps = new ArrayList<>();
        int at = 1;
        while (at < text.length()) {
            at = text.charAt(at) == '.' ? member(text, at + 1, steps) : bracket(text, at, steps);
        }
        return new ReferencePath(List.copyOf(steps));
    }

    private static int member(String text, int from, List<Step> steps) {
        int end = from;
        while (end < text.length() && NAME_STOPS.indexOf(text.charAt(end)) < 0
                && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        if (end == from) {
            throw new IllegalArgumentException(unexpected(text, from));
        }
        steps.add(new Member(text.substring(from, end)));
        return end;
    }

    private static int bracket(String text, int at, List<Step> steps) {
        if (text.charAt(at) != '[' || at + 1 >= text.length()) {
            throw new IllegalArgumentException(unexpected(text, at));
        }
        char first = text.charAt(at + 1);
        return first == '\'' || first == '"' ? quoted(text, at + 1, first, steps) : index(text, at + 1, steps);
    }

    private static int quoted(String text, int quote, char mark, List<Step> steps) {
        int close = text.indexOf(mark, quote + 1);
        if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ']') {
            throw new IllegalArgumentException("unclosed ['name'] step at offset " + quote + "; " + ALLOWED);
        }
        steps.add(new Member(text.substring(quote + 1, close)));
        return close + 2;
    }

    private static int index(String text, int from, List<Step> steps) {
        int close = text.indexOf(']', from);
        String digits = close < 0 ? "" : text.substring(from, close);
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 9) {
            throw new IllegalArgumentException(unexpected(text, from));
        }
        steps.add(new Index(Integer.parseInt(digits)));
        return close + 1;
    }

    private static String unexpected(String text, int at) {
        String found = at < text.length() ? "'" + text.charAt(at) + "'" : "the end";
        return "unexpected " + found + " at offset " + at + "; " + ALLOWED;
    }

    /** @return the node this path names in {@code document}, if there is one */
    Optional<JsonNode> read(JsonNode document) {
        JsonNode current = document;
        for (Step step : steps) {
            current = switch (step) {
                case Member member -> current.isObject() ? current.get(member.name()) : null;
                case Index index -> current.isArray() ? current.get(index.index()) : null;
            };
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    /**
     * @return a copy of {@code document} with {@code value} at this path, creating objects on the way
     * @throws WorkflowError {@code States.ResultPathMatchFailure} when the path crosses a value that is
     *     not an object (for a member) or an array long enough (for an index)
     */
    JsonNode set(JsonNode document, JsonNode value, String text) {
        if (steps.isEmpty()) {
            return value;
        }
        JsonNode root = document.deepCopy();
        JsonNode current = root;
        for (int i = 0; i < steps.size() - 1; i++) {
            current = child(current, steps.get(i), text);
        }
        place(current, steps.getLast(), value, text);
        return root;
    }

    private static JsonNode child(JsonNode parent, Step step, String text) {
        if (step instanceof Member member && parent instanceof ObjectNode object) {
            JsonNode existing = object.get(member.name());
            return existing != null ? existing : object.putObject(member.name());
        }
        if (step instanceof Index index && parent instanceof ArrayNode array && index.index() < array.size()) {
            return array.get(index.index());
        }
        throw mismatch(parent, step, text);
    }

    private static void place(JsonNode parent, Step step, JsonNode value, String text) {
        if (step instanceof Member member && parent instanceof ObjectNode object) {
            object.set(member.name(), value);
        } else if (step instanceof Index index && parent instanceof ArrayNode array && index.index() < array.size()) {
            array.set(index.index(), value);
        } else {
            throw mismatch(parent, step, text);
        }
    }

    private static WorkflowError mismatch(JsonNode parent, Step step, String text) {
        String wanted = step instanceof Member m ? "an object to hold field '" + m.name() + "'"
                : "an array with an item at index " + ((Index) step).index();
        return new WorkflowError(WorkflowError.RESULT_PATH_MATCH_FAILURE, "ResultPath '" + text
                + "' needs " + wanted + " but found " + Paths.describe(parent));
    }
}
