package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@code conformance/paths}: a {@code path} read, or a state's whole input/output pipeline
 * (InputPath → Parameters → result → ResultSelector → ResultPath → OutputPath), each field absent
 * ({@code $}), null or a path as the case says.
 */
class PathsConformanceTest {
    private final Intrinsics intrinsics = Intrinsics.create(new Random(1), UUID::randomUUID);

    static Stream<Arguments> cases() {
        return Conformance.cases("paths");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void path_behavesAsTheCaseSays(String name, JsonNode c) {
        JsonNode input = Conformance.input(c);
        JsonNode context = Conformance.context(c);
        Conformance.expect(c, () -> c.has("path") ? Paths.read(c.get("path").asText(), input, context) : pipeline(c, input, context));
    }

    private JsonNode pipeline(JsonNode c, JsonNode raw, JsonNode context) {
        JsonNode effective = Paths.inputPath(field(c, "inputPath"), raw, context);
        JsonNode parameters = c.has("parameters") ? PayloadTemplate.evaluate(c.get("parameters"), effective, context, intrinsics) : effective;
        JsonNode result = c.has("result") ? c.get("result") : parameters;
        JsonNode selected = c.has("resultSelector") ? PayloadTemplate.evaluate(c.get("resultSelector"), result, context, intrinsics) : result;
        JsonNode output = Paths.resultPath(field(c, "resultPath"), raw, selected);
        return Paths.outputPath(field(c, "outputPath"), output, context);
    }

    /** Absent → {@code $}; JSON null → empty (the field's null behaviour); else the path. */
    private static Optional<String> field(JsonNode c, String name) {
        if (!c.has(name)) {
            return Optional.of("$");
        }
        return c.get(name).isNull() ? Optional.empty() : Optional.of(c.get(name).asText());
    }
}
