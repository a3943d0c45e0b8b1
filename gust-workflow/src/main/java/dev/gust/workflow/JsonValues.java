package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/** JSON value equality as JSON means it: {@code 1} and {@code 1.0} are the same number. */
final class JsonValues {
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue())
            : a.equals(b) ? 0 : 1;

    private JsonValues() {
    }

    static boolean same(JsonNode a, JsonNode b) {
        return a.equals(NUMBERS_BY_VALUE, b);
    }
}
