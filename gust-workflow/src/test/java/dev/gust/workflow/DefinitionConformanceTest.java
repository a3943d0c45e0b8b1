package dev.gust.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the definition cases of the conformance corpus ({@code conformance/definitions/*.json}).
 * Each case holds a {@code definition} (or, for text that is not JSON, its {@code text}) and either
 * {@code "accepted": true} or the exact list of {@code problems}, each a {@code pointer} and a
 * fragment the message {@code contains}.
 */
class DefinitionConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(DefinitionConformanceTest.class.getResource("/conformance/definitions").toURI());
        List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.toString().endsWith(".json")).sorted().forEach(file -> read(file).get("cases")
                    .forEach(c -> cases.add(Arguments.of(file.getFileName() + ": " + c.get("name").asText(), c))));
        }
        return cases.stream();
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parse_givesTheCasesOutcome(String name, JsonNode c) {
        String text = c.has("text") ? c.get("text").asText() : c.get("definition").toString();

        Definitions.Result result = Definitions.parse(text);

        if (c.path("accepted").asBoolean(false)) {
            assertThat(result).isInstanceOf(Definitions.Accepted.class);
        } else {
            assertThat(result).isInstanceOf(Definitions.Rejected.class);
            assertMatches(((Definitions.Rejected) result).problems(), c.get("problems"));
        }
    }

    private static void assertMatches(List<Problem> actual, JsonNode expected) {
        List<Problem> left = new ArrayList<>(actual);
        for (JsonNode e : expected) {
            String pointer = e.get("pointer").asText();
            String contains = e.get("contains").asText();
            Problem match = left.stream().filter(p -> p.pointer().equals(pointer) && p.message().contains(contains))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no problem at " + pointer + " containing \"" + contains
                            + "\"; problems: " + actual));
            left.remove(match);
        }
        assertThat(left).as("problems the case does not expect").isEmpty();
    }
}
