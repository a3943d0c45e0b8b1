package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The evaluated arguments of one intrinsic call, with typed accessors whose failures are
 * {@code States.IntrinsicFailure} naming the function, the argument and what it must be.
 */
record IntrinsicArgs(String function, List<JsonNode> values) {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** AWS's limit on the strings Base64Encode, Base64Decode and Hash take. */
    static final int MAX_STRING = 10_000;

    int size() {
        return values.size();
    }

    JsonNode any(int index) {
        return values.get(index);
    }

    String string(int index, String role) {
        JsonNode value = values.get(index);
        if (!value.isTextual()) {
            throw fail(index, role, "a string", value);
        }
        return value.textValue();
    }

    String boundedString(int index, String role) {
        String value = string(index, role);
        if (value.length() > MAX_STRING) {
            throw failure(index, role, "must have at most " + MAX_STRING + " characters, got " + value.length());
        }
        return value;
    }

    int integer(int index, String role) {
        JsonNode value = values.get(index);
        if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToInt()) {
            throw fail(index, role, "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE, value);
        }
        return value.intValue();
    }

    boolean bool(int index, String role) {
        JsonNode value = values.get(index);
        if (!value.isBoolean()) {
            throw fail(index, role, "a boolean", value);
        }
        return value.booleanValue();
    }

    ArrayNode array(int index, String role) {
        JsonNode value = values.get(index);
        if (!value.isArray()) {
            throw fail(index, role, "an array", value);
        }
        return (ArrayNode) value;
    }

    ObjectNode object(int index, String role) {
        JsonNode value = values.get(index);
        if (!value.isObject()) {
            throw fail(index, role, "an object", value);
        }
        return (ObjectNode) value;
    }

    WorkflowError fail(int index, String role, String expected, JsonNode got) {
        return failure(index, role, "must be " + expected + ", got " + shortly(got));
    }

    WorkflowError failure(int index, String role, String message) {
        return WorkflowError.intrinsic("States." + function + ": argument " + (index + 1) + " (" + role + ") " + message);
    }

    WorkflowError failure(String message) {
        return WorkflowError.intrinsic("States." + function + ": " + message);
    }

    private static String shortly(JsonNode value) {
        String text = value.toString();
        return Paths.describe(value) + " " + (text.length() > 60 ? text.substring(0, 57) + "..." : text);
    }
}
