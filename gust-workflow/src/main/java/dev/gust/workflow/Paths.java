package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSONPath as the Amazon States Language uses it: Paths (any JSONPath, on the input or, with
 * {@code $$}, the context object) and Reference Paths (simple member and index steps only), and
 * the input/output processing steps built on them (InputPath, ResultPath, OutputPath).
 *
 * <p>Every method is a pure function of its arguments and may be called from any thread; the
 * documents passed in are never modified. What they return may share nodes with their arguments:
 * treat every {@code JsonNode} as immutable.
 */
public final class Paths {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Configuration JSON_PATH = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(MAPPER))
            .mappingProvider(new JacksonMappingProvider(MAPPER))
            .build();
    private static final int MAX_COMPILED = 4096;
    private static final Map<String, JsonPath> COMPILED = new ConcurrentHashMap<>();
    private static final String ALLOWED = "a Path is a JSONPath starting with $ (the input) or $$ "
            + "(the context object), e.g. $.items[0].price or $$.Execution.Id";

    private Paths() {
    }

    /**
     * @param path a Path as written, e.g. {@code $.items[?(@.price > 10)]} or {@code $$.Execution.Id}
     * @return what is wrong with it and what is allowed; empty when it is a valid Path
     */
    public static Optional<String> checkPath(String path) {
        if (path == null || !path.startsWith("$")) {
            return Optional.of("must start with $; " + ALLOWED);
        }
        if (!balanced(path)) {
            return Optional.of("is not valid JSONPath (unbalanced brackets, parentheses or quotes); " + ALLOWED);
        }
        try {
            compile(path);
            return Optional.empty();
        } catch (RuntimeException e) { // Jayway throws more than InvalidPathException on some malformed paths
            return Optional.of("is not valid JSONPath (" + e.getMessage() + "); " + ALLOWED);
        }
    }

    // Jayway compiles "$.a[" and "$.a]" as if the bracket were part of a name
    private static boolean balanced(String path) {
        int depth = 0;
        char quote = 0;
        for (char c : path.toCharArray()) {
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if ((c == ']' || c == ')') && --depth < 0) {
                return false;
            }
        }
        return depth == 0 && quote == 0;
    }

    /**
     * @param path a Reference Path as written, e.g. {@code $.order.items[0]}
     * @return what is wrong with it and what is allowed; empty when it is a valid Reference Path
     */
    public static Optional<String> checkReferencePath(String path) {
        try {
            ReferencePath.parse(path);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** @return whether {@code text} refers to the context object ({@code $$...}) */
    public static boolean isContextPath(String text) {
        return text.startsWith("$$");
    }

    /**
     * Reads a Path: {@code $...} against {@code input}, {@code $$...} against {@code context}.
     *
     * @return what the path selects (an array for a path with wildcards, filters or slices)
     * @throws WorkflowError {@code States.Runtime} when the path matches nothing
     */
    public static JsonNode read(String path, JsonNode input, JsonNode context) {
        if (!path.startsWith("$")) { // Jayway would quietly read "a.b" as "$.a.b"
            throw WorkflowError.runtime("'" + path + "' is not a Path; " + ALLOWED);
        }
        boolean onContext = isContextPath(path);
        Optional<ReferencePath> simple = simple(onContext ? path.substring(1) : path);
        if (simple.isPresent()) {
            return simple.get().read(onContext ? context : input).orElseThrow(() -> noMatch(path, onContext));
        }
        try {
            Object found = compile(path).read(onContext ? context : input, JSON_PATH);
            return found instanceof JsonNode node ? node : found == null ? NullNode.getInstance() : MAPPER.valueToTree(found);
        } catch (PathNotFoundException e) {
            throw noMatch(path, onContext);
        } catch (RuntimeException e) {
            throw WorkflowError.runtime("the path '" + path + "' could not be evaluated: " + e.getMessage());
        }
    }

    /**
     * Applies a state's {@code InputPath}.
     *
     * @param inputPath the path, or empty for {@code "InputPath": null} (callers pass {@code $}
     *     when the field is absent)
     * @return what the path selects; {@code {}} for a null InputPath
     * @throws WorkflowError {@code States.Runtime} when the path matches nothing
     */
    public static JsonNode inputPath(Optional<String> inputPath, JsonNode input, JsonNode context) {
        return inputPath.map(path -> read(path, input, context)).orElseGet(JsonNodeFactory.instance::objectNode);
    }

    /**
     * Applies a state's {@code ResultPath}: places the result inside (a copy of) the state's raw input.
     *
     * @param resultPath the Reference Path, or empty for {@code "ResultPath": null} (callers pass
     *     {@code $} when the field is absent)
     * @return the input when the ResultPath is null; the result itself for {@code $}; otherwise a copy
     *     of the input with the result set at the path, objects created on the way
     * @throws WorkflowError {@code States.ResultPathMatchFailure} when the result cannot be placed
     */
    public static JsonNode resultPath(Optional<String> resultPath, JsonNode rawInput, JsonNode result) {
        if (resultPath.isEmpty()) {
            return rawInput;
        }
        String text = resultPath.get();
        try {
            return ReferencePath.parse(text).set(rawInput, result, text);
        } catch (IllegalArgumentException e) {
            throw new WorkflowError(WorkflowError.RESULT_PATH_MATCH_FAILURE, "ResultPath '" + text + "' " + e.getMessage());
        }
    }

    /**
     * Applies a state's {@code OutputPath}.
     *
     * @param outputPath the path, or empty for {@code "OutputPath": null} (callers pass {@code $}
     *     when the field is absent)
     * @return what the path selects; {@code {}} for a null OutputPath
     * @throws WorkflowError {@code States.Runtime} when the path matches nothing
     */
    public static JsonNode outputPath(Optional<String> outputPath, JsonNode output, JsonNode context) {
        return inputPath(outputPath, output, context);
    }

    // member and index steps are read directly: exact about misses (Jayway gives null for an index
    // past the end) and cheaper than JSONPath
    private static Optional<ReferencePath> simple(String path) {
        try {
            return Optional.of(ReferencePath.parse(path));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static WorkflowError noMatch(String path, boolean onContext) {
        return WorkflowError.runtime("the path '" + path + "' matches nothing in the "
                + (onContext ? "context object" : "state's input"));
    }

    private static JsonPath compile(String path) {
        JsonPath compiled = COMPILED.get(path);
        if (compiled == null) {
            compiled = JsonPath.compile(isContextPath(path) ? path.substring(1) : path);
            if (COMPILED.size() >= MAX_COMPILED) {
                COMPILED.clear(); // paths come from definitions: a full cache means churn, not a working set
            }
            COMPILED.put(path, compiled);
        }
        return compiled;
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String kind = node.isObject() ? "an object" : node.isArray() ? "an array of " + node.size()
                : node.isTextual() ? "a string" : node.isNumber() ? "a number" : node.isBoolean() ? "a boolean" : "null";
        return kind;
    }
}
