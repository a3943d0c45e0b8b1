package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Payload templates: {@code Parameters}, {@code ResultSelector} and {@code ItemSelector}, whose
 * fields ending in {@code .$} take their value from a path, the context object or an intrinsic
 * function.
 */
public final class PayloadTemplate {
    private PayloadTemplate() {
    }

    /**
     * @param template the template as written (any JSON value)
     * @param pointer where it is, e.g. {@code /States/Call/Parameters}
     * @return every problem (a {@code .$} field whose value is not a valid path or intrinsic
     *     call, ...), each with its pointer; empty when valid
     */
    public static List<Problem> check(JsonNode template, String pointer) {
        return List.of(); // contract: validation arrives with the evaluator
    }
}
