package dev.gust.events;

import static dev.gust.events.StructuredModeTest.parse;
import static dev.gust.events.StructuredModeTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchModeTest {
    private static final String BATCH = "application/cloudevents-batch+json";
    private final CloudEventCodec codec = CloudEventCodec.create();

    @Test
    void parse_whenEveryEventIsValid_acceptsThemInOrder() {
        ParseResult result = parse(codec, BATCH, """
                [{"specversion":"1.0","id":"1","source":"/s","type":"a"},
                 {"specversion":"1.0","id":"2","source":"/s","type":"b"}]""");

        assertThat(result).isInstanceOfSatisfying(ParseResult.Accepted.class, accepted -> {
            assertThat(accepted.mode()).isEqualTo(ParseResult.Mode.BATCH);
            assertThat(accepted.events()).extracting(CloudEvent::id).containsExactly("1", "2");
        });
    }

    @Test
    void parse_whenBatchIsEmpty_acceptsNothing() {
        assertThat(parse(codec, BATCH, "[]")).isEqualTo(new ParseResult.Accepted(ParseResult.Mode.BATCH, java.util.List.of()));
    }

    @Test
    void parse_whenSomeEventsAreInvalid_rejectsTheWholeBatchNamingEachPlace() {
        assertThat(problems(parse(codec, BATCH, """
                [{"specversion":"1.0","id":"1","source":"/s","type":"a"},
                 {"specversion":"1.0","id":"2","type":"b"},
                 {"specversion":"1.0","source":"/s","type":"c"},
                 "not an event"]""")))
                .containsExactly("events[1].source: required", "events[2].id: required",
                        "events[3]: must be an event object, was a string");
    }

    @Test
    void parse_whenOneEventIsTooLarge_namesItAndAnswers413() {
        String big = "x".repeat(CloudEventCodec.MAX_EVENT_BYTES);
        ParseResult result = parse(codec, BATCH, """
                [{"specversion":"1.0","id":"1","source":"/s","type":"a"},
                 {"specversion":"1.0","id":"2","source":"/s","type":"b","data":"%s"}]""".formatted(big));

        assertThat(result).isInstanceOfSatisfying(ParseResult.Rejected.class, rejected -> {
            assertThat(rejected.httpStatus()).isEqualTo(413);
            assertThat(rejected.problems()).singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("events[1]"));
        });
    }

    @Test
    void parse_whenProblemsMixSizeAndShape_answers400() {
        String big = "x".repeat(CloudEventCodec.MAX_EVENT_BYTES);
        ParseResult result = parse(codec, BATCH, """
                [{"id":"1"},{"specversion":"1.0","id":"2","source":"/s","type":"b","data":"%s"}]""".formatted(big));

        assertThat(result).isInstanceOfSatisfying(ParseResult.Rejected.class,
                rejected -> assertThat(rejected.httpStatus()).isEqualTo(400));
    }

    @Test
    void parse_whenBodyIsNotAnArray_saysWhatIsExpected() {
        assertThat(problems(parse(codec, BATCH, "{\"id\":\"1\"}"))).containsExactly(
                "an application/cloudevents-batch+json body must be a JSON array of event objects");
    }
}
