package dev.gust.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class CloudEventCodecPropertiesTest {
    private static final List<String> CONTENT_TYPES = List.of("application/cloudevents+json",
            "application/cloudevents-batch+json", "application/json", "text/plain", "application/octet-stream",
            "application/cloudevents+xml", "");
    private final CloudEventCodec codec = CloudEventCodec.create();

    @Provide
    Arbitrary<CloudEvent> events() {
        return EventArbitraries.events();
    }

    @Property(tries = 300)
    void validEvent_roundTripsStructuredJsonUnchanged(@ForAll("events") CloudEvent event) {
        byte[] json = codec.toStructuredJson(event);

        assertThat(codec.check(event)).isEmpty();
        assertThat(codec.parse(EventRequest.of("application/cloudevents+json", json)))
                .isEqualTo(new ParseResult.Accepted(ParseResult.Mode.STRUCTURED, List.of(event)));
    }

    @Property(tries = 100)
    void batchOfValidEvents_parsesToEveryOneInOrder(@ForAll @Size(max = 20) List<@net.jqwik.api.From("events") CloudEvent> events) {
        String batch = events.stream().map(e -> new String(codec.toStructuredJson(e), StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));

        ParseResult result = codec.parse(EventRequest.of("application/cloudevents-batch+json",
                batch.getBytes(StandardCharsets.UTF_8)));

        assertThat(result).isEqualTo(new ParseResult.Accepted(ParseResult.Mode.BATCH, events));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of(CONTENT_TYPES);
    }

    @Property(tries = 500)
    void arbitraryBytes_neverMakeTheParserThrow(@ForAll("contentTypes") String contentType, @ForAll byte[] body,
            @ForAll Map<@net.jqwik.api.From("headerNames") String, String> headers) {
        var all = new HashMap<>(headers);
        all.put("content-type", contentType);

        ParseResult result = codec.parse(new EventRequest(all, body));

        assertThat(result).isNotNull();
    }

    @Provide
    Arbitrary<String> headerNames() {
        return Arbitraries.oneOf(Arbitraries.of("ce-id", "ce-source", "ce-type", "ce-specversion", "ce-time",
                "ce-subject", "ce-dataschema", "ce-datacontenttype"), Arbitraries.strings().ofMaxLength(12).map(s -> "ce-" + s));
    }

    @Property(tries = 300)
    void nearlyValidJson_neverMakesTheParserThrow(@ForAll("events") CloudEvent event, @ForAll("contentTypes") String contentType,
            @ForAll int cut, @ForAll("junk") String junk) {
        String json = new String(codec.toStructuredJson(event), StandardCharsets.UTF_8);
        int at = Math.floorMod(cut, json.length() + 1);
        String mangled = json.substring(0, at) + junk + json.substring(at);

        ParseResult result = codec.parse(EventRequest.of(contentType, mangled.getBytes(StandardCharsets.UTF_8)));

        assertThat(result).isNotNull();
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.oneOf(Arbitraries.of("", "{", "}", "[", "]", "\"", ",", ":", "null", "1e999999", "\\u", "\"time\":1,"),
                EventArbitraries.text(0, 5));
    }
}
