package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Typed reads of one JSON object's fields. A field of the wrong type or out of range adds a
 * problem at its pointer and reads as empty, so a reader goes on and finds every problem.
 */
final class Fields {
    /** The largest number of seconds the language allows (AWS's limit, about 3 years). */
    static final long MAX_SECONDS = 99_999_999;

    private final JsonNode node;
    private final String pointer;
    private final List<Problem> problems;

    Fields(JsonNode node, String pointer, List<Problem> problems) {
        this.node = node;
        this.pointer = pointer;
        this.problems = problems;
    }

    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    String pointer() {
        return pointer;
    }

    String at(String name) {
        return pointer + "/" + escape(name);
    }

    boolean has(String name) {
        return node.has(name);
    }

    Optional<JsonNode> get(String name) {
        return Optional.ofNullable(node.get(name));
    }

    <T> Optional<T> problem(String name, String message) {
        problems.add(new Problem(at(name), message));
        return Optional.empty();
    }

    /**
     * Reports each field not in {@code allowed}: with the message in {@code refused} when the field
     * is a known one Gust does not take, else as unknown with the allowed list.
     */
    void allowOnly(List<String> allowed, Map<String, String> refused, String what) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (refused.containsKey(name)) {
                problem(name, refused.get(name));
            } else if (!allowed.contains(name)) {
                problem(name, "is not a field of " + what + "; allowed: " + String.join(", ", allowed));
            }
        }
    }

    /** Reports {@code second} when both are present. */
    boolean exclusive(String first, String second) {
        if (has(first) && has(second)) {
            problem(second, "cannot be used together with " + first + "; give one of them");
            return false;
        }
        return true;
    }

    Optional<String> string(String name) {
        return typed(name, JsonNode::isTextual, "a string").map(JsonNode::textValue);
    }

    Optional<String> requiredString(String name) {
        return has(name) ? string(name) : problem(name, "is required (a string)");
    }

    Optional<Boolean> bool(String name) {
        return typed(name, JsonNode::isBoolean, "true or false").map(JsonNode::booleanValue);
    }

    Optional<JsonNode> object(String name) {
        return typed(name, JsonNode::isObject, "a JSON object");
    }

    Optional<JsonNode> array(String name) {
        return typed(name, JsonNode::isArray, "a JSON array");
    }

    /** An integer in {@code min..max}. */
    Optional<Long> integer(String name, long min, long max) {
        String range = max >= Integer.MAX_VALUE ? "an integer of at least " + min
                : "an integer from " + min + " to " + max;
        return typed(name, n -> n.isIntegralNumber() && n.canConvertToLong(), range)
                .map(JsonNode::longValue)
                .flatMap(v -> v >= min && v <= max ? Optional.of(v) : problem(name, "must be " + range + ", was " + v));
    }

    /** A number in {@code min..max}. */
    Optional<Double> number(String name, double min, double max) {
        String range = max == Double.MAX_VALUE ? "a number of at least " + min
                : "a number from " + plain(min) + " to " + plain(max);
        return typed(name, JsonNode::isNumber, range)
                .map(JsonNode::doubleValue)
                .flatMap(v -> v >= min && v <= max ? Optional.of(v)
                        : problem(name, "must be " + range + ", was " + get(name).orElseThrow()));
    }

    /** A Path ({@code $...} or {@code $$...}), checked by {@link Paths#checkPath}. */
    Optional<String> path(String name) {
        return checked(name, Paths::checkPath, "a Path");
    }

    /** A Reference Path, checked by {@link Paths#checkReferencePath}. */
    Optional<String> referencePath(String name) {
        return checked(name, Paths::checkReferencePath, "a Reference Path");
    }

    /**
     * A path field that may be {@code null}: absent reads {@code $}, {@code null} reads empty.
     *
     * @return empty when the field is wrong (a problem was added)
     */
    Optional<Optional<String>> nullablePath(String name, boolean reference) {
        JsonNode value = node.get(name);
        if (value == null) {
            return Optional.of(Optional.of("$"));
        }
        if (value.isNull()) {
            return Optional.of(Optional.empty());
        }
        return (reference ? referencePath(name) : path(name)).map(Optional::of);
    }

    private Optional<String> checked(String name, Function<String, Optional<String>> check, String what) {
        Optional<String> text = typed(name, JsonNode::isTextual, what + " (a string starting with $)")
                .map(JsonNode::textValue);
        Optional<String> wrong = text.flatMap(check);
        return wrong.isPresent() ? problem(name, wrong.get()) : text;
    }

    private Optional<JsonNode> typed(String name, Predicate<JsonNode> ok, String what) {
        JsonNode value = node.get(name);
        if (value == null) {
            return Optional.empty();
        }
        return ok.test(value) ? Optional.of(value) : problem(name, "must be " + what + ", was " + describe(value));
    }

    static String describe(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
