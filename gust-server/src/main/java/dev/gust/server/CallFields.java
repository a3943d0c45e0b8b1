package dev.gust.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of one call's JSON payload, read with errors that name the field. Every refusal is a
 * {@link ContextCalls.Refusal} of type {@code InvalidRequest}. Not thread-safe; one per call.
 */
final class CallFields {
    private final String operation;
    private final JsonNode root;

    private CallFields(String operation, JsonNode root) {
        this.operation = operation;
        this.root = root;
    }

    static CallFields parse(String operation, byte[] payload) {
        JsonNode root;
        try {
            root = HttpIo.JSON.readTree(payload);
        } catch (IOException e) {
            throw invalid(operation + ": the call's payload is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw invalid(operation + ": the call's payload must be a JSON object");
        }
        return new CallFields(operation, root);
    }

    /** @return the field's text, when it is present and text; "" when absent (for the record) */
    String target(String name) {
        JsonNode v = root.path(name);
        return v.isTextual() ? v.asText() : "";
    }

    String text(String name) {
        JsonNode v = root.path(name);
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw invalid(operation + ": " + name + ": must be a non-empty string, was " + describe(v));
        }
        return v.asText();
    }

    Optional<String> optionalText(String name) {
        return root.path(name).isMissingNode() || root.path(name).isNull() ? Optional.empty() : Optional.of(text(name));
    }

    /** @return the field's JSON, any value; required */
    JsonNode json(String name) {
        JsonNode v = root.path(name);
        if (v.isMissingNode()) {
            throw invalid(operation + ": " + name + ": must be present (any JSON value)");
        }
        return v;
    }

    Optional<JsonNode> optionalJson(String name) {
        JsonNode v = root.path(name);
        return v.isMissingNode() ? Optional.empty() : Optional.of(v);
    }

    Map<String, String> attributes(String name) {
        JsonNode v = root.path(name);
        Map<String, String> out = new LinkedHashMap<>();
        if (v.isMissingNode() || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw invalid(operation + ": " + name + ": must be an object of strings, was " + describe(v));
        }
        for (var e : v.properties()) {
            if (!e.getValue().isTextual()) {
                throw invalid(operation + ": " + name + "." + e.getKey() + ": must be a string, was "
                        + describe(e.getValue()));
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    Optional<Duration> millis(String name) {
        JsonNode v = root.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return Optional.empty();
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
            throw invalid(operation + ": " + name + ": must be a whole number of milliseconds >= 0, was " + describe(v));
        }
        return Optional.of(Duration.ofMillis(v.asLong()));
    }

    private static String describe(JsonNode v) {
        if (v.isMissingNode()) {
            return "absent";
        }
        String text = v.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    static ContextCalls.Refusal invalid(String message) {
        return new ContextCalls.Refusal(ContextCalls.INVALID_REQUEST, message);
    }
}
