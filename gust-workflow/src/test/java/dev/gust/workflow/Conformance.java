package dev.gust.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The conformance corpus: JSON files under {@code src/test/resources/conformance/<area>/}, each an
 * array of cases {@code {"name", "input", "context", ..., "output" | "error" (+ "cause")}}.
 */
final class Conformance {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Conformance() {
    }

    /** @return one argument set (a "file: name" label, the case) per case of every file of the area */
    static Stream<Arguments> cases(String area) {
        URL dir = Objects.requireNonNull(Conformance.class.getClassLoader().getResource("conformance/" + area), area);
        List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode c : MAPPER.readTree(file.toFile())) {
                    cases.add(Arguments.of(file.getFileName() + ": " + c.path("name").asText("?"), c));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return cases.stream();
    }

    static JsonNode input(JsonNode c) {
        return c.has("input") ? c.get("input") : JsonNodeFactory.instance.objectNode();
    }

    static JsonNode context(JsonNode c) {
        return c.has("context") ? c.get("context") : JsonNodeFactory.instance.objectNode();
    }

    /** Runs {@code action} and checks its result (or error) against the case's expectation. */
    static void expect(JsonNode c, Supplier<JsonNode> action) {
        if (c.has("error")) {
            WorkflowError error = catchThrowableOfType(WorkflowError.class, action::get);
            assertThat(error).as("expected %s", c.get("error").asText()).isNotNull();
            assertThat(error.error()).as(error.getMessage()).isEqualTo(c.get("error").asText());
            if (c.has("cause")) {
                assertThat(error.cause()).contains(c.get("cause").asText());
            }
            return;
        }
        JsonNode actual = action.get();
        assertThat(JsonValues.same(actual, c.get("output")))
                .withFailMessage("expected %s%n but got %s", c.get("output"), actual).isTrue();
    }
}
