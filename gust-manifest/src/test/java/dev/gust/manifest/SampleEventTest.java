package dev.gust.manifest;

import static dev.gust.manifest.TestApps.hello;
import static dev.gust.manifest.TestApps.problems;
import static dev.gust.manifest.TestApps.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleEventTest {
    private static final String EVENT = "{\"version\":\"2.0\",\"rawPath\":\"/hello\"}";
    @TempDir
    Path dir;

    @BeforeEach
    void app() {
        TestApps.app(dir);
    }

    private ManifestResult parse(String sampleEvent) {
        return Manifests.parse(hello("sample-event: " + sampleEvent), dir);
    }

    @Test
    void sampleEvent_isTheTextOfTheJsonFile() {
        TestApps.write(dir.resolve("events/get-hello.json"), EVENT);

        var fn = valid(parse("events/get-hello.json")).functions().get("hello");

        assertThat(fn.sampleEvent()).contains(EVENT);
    }

    @Test
    void sampleEvent_whenAbsent_isEmpty() {
        assertThat(valid(Manifests.parse(hello(), dir)).functions().get("hello").sampleEvent()).isEmpty();
    }

    @Test
    void sampleEvent_whenMissing_namesThePath() {
        assertThat(problems(parse("events/nope.json"))).singleElement().asString()
                .startsWith("functions.hello.sample-event").contains("not found: events/nope.json");
    }

    @Test
    void sampleEvent_whenNotJson_saysSo() {
        TestApps.write(dir.resolve("event.json"), "{\"version\": ");
        TestApps.write(dir.resolve("two.json"), "{} {}");
        TestApps.write(dir.resolve("empty.json"), " \n");

        assertThat(problems(parse("event.json"))).singleElement().asString()
                .startsWith("functions.hello.sample-event").contains("is not JSON: event.json");
        assertThat(problems(parse("two.json"))).singleElement().asString().contains("is not JSON: two.json");
        assertThat(problems(parse("empty.json"))).singleElement().asString().contains("is not JSON: empty.json is empty");
    }

    @Test
    void sampleEvent_whenTooBig_givesTheSizeAndTheLimit() {
        TestApps.write(dir.resolve("big.json"), "[\"" + "x".repeat(SampleEventReader.MAX_BYTES) + "\"]");

        assertThat(problems(parse("big.json"))).singleElement().asString()
                .startsWith("functions.hello.sample-event").contains("too big", "262148 bytes", "at most 262144");
    }

    @Test
    void sampleEvent_outsideTheAppDirectory_isRefused() throws Exception {
        Path outside = Files.createTempFile("event", ".json");
        try {
            Files.writeString(outside, EVENT);
            assertThat(problems(parse("../" + outside.getFileName()))).singleElement().asString()
                    .contains("inside the app directory");
            assertThat(problems(parse(outside.toString()))).singleElement().asString()
                    .contains("inside the app directory");
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void sampleEvent_problemsAreReportedWithTheOtherProblems() {
        var result = Manifests.parse(hello("sample-event: nope.json", "memory: 5"), dir);

        assertThat(TestApps.paths(result)).containsExactlyInAnyOrder("functions.hello.sample-event",
                "functions.hello.memory");
    }
}
