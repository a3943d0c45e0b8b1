package dev.gust.workflow;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads state machine definitions written in the Amazon States Language.
 *
 * <p>{@link #parse} checks the whole definition and reports every problem at once, each with the
 * JSON pointer of the field it is about. Thread-safe: any thread may call it.
 */
public final class Definitions {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    // Jackson's messages name a redacted source before the location; keep the location only.
    private static final Pattern SOURCE = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");

    private Definitions() {
    }

    /**
     * @param json a definition as written
     * @return the state machine, or every problem with it
     */
    public static Result parse(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return new Rejected(List.of(new Problem("", "is not JSON: " + jsonError(e))));
        }
        if (root == null || root.isMissingNode()) {
            return new Rejected(List.of(new Problem("",
                    "is empty; a definition is a JSON object with StartAt and States")));
        }
        return parse(root);
    }

    /**
     * @param definition a definition already read as JSON
     * @return the state machine, or every problem with it
     */
    public static Result parse(JsonNode definition) {
        var reader = new MachineReader();
        var machine = reader.read(definition, "", MachineReader.Kind.TOP);
        return reader.problems().isEmpty() ? new Accepted(machine.orElseThrow()) : new Rejected(reader.problems());
    }

    private static String jsonError(JsonProcessingException e) {
        String message = e.getOriginalMessage().startsWith("Trailing token")
                ? "there is more text after the definition's JSON value"
                : SOURCE.matcher(e.getOriginalMessage()).replaceAll("line $1, column $2");
        JsonLocation at = e.getLocation();
        return message + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }

    /** The outcome of {@link #parse}. */
    public sealed interface Result permits Accepted, Rejected {
    }

    /** @param machine the valid state machine */
    public record Accepted(StateMachine machine) implements Result {
        public Accepted {
            Objects.requireNonNull(machine, "machine");
        }
    }

    /** @param problems every problem found, in the order of the definition; never empty */
    public record Rejected(List<Problem> problems) implements Result {
        public Rejected {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a rejected definition has at least one problem");
            }
        }
    }
}
