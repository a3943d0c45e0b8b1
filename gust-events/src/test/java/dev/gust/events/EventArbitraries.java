package dev.gust.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of valid CloudEvents, covering every attribute and each kind of data. */
final class EventArbitraries {
    private static final Set<String> RESERVED = Set.of(
            "id", "source", "specversion", "type", "datacontenttype", "dataschema", "subject", "time", "data");

    private EventArbitraries() {
    }

    /** Any text without lone surrogates, which no UTF-8 wire can carry. */
    static Arbitrary<String> text(int min, int max) {
        return Arbitraries.strings().withCharRange(' ', '\uD7FF').withCharRange('\uE000', '\uFFFD')
                .withChars('\t', '\n').ofMinLength(min).ofMaxLength(max);
    }

    static Arbitrary<String> source() {
        Arbitrary<String> path = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('/', '-', '.', '_', '~')
                .ofMinLength(1).ofMaxLength(30);
        // "//..." would be a network path, whose authority java.net.URI wants non-empty
        return Arbitraries.oneOf(path.map(p -> "/s" + p), path.map(p -> "https://shop.example/" + p),
                Arbitraries.just("urn:event:from:myapi"));
    }

    static Arbitrary<OffsetDateTime> time() {
        Arbitrary<Long> seconds = Arbitraries.longs().between(-62_135_596_800L, 253_402_300_799L - 86_400);
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999_999_999));
        Arbitrary<Integer> offsetMinutes = Arbitraries.integers().between(-18 * 60, 18 * 60);
        return Combinators.combine(seconds, nanos, offsetMinutes).as((s, n, m) ->
                OffsetDateTime.ofInstant(Instant.ofEpochSecond(s, n), ZoneOffset.ofTotalSeconds(m * 60)));
    }

    static Arbitrary<Object> extensionValue() {
        return Arbitraries.oneOf(text(0, 20).map(s -> (Object) s), Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.of(true, false).map(b -> (Object) b));
    }

    static Arbitrary<Map<String, Object>> extensions() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(20)
                .filter(n -> !RESERVED.contains(n));
        return Arbitraries.maps(name, extensionValue()).ofMaxSize(4);
    }

    static Arbitrary<JsonNode> scalar() {
        return Arbitraries.oneOf(text(0, 20).map(TextNode::valueOf), Arbitraries.integers().map(IntNode::valueOf),
                Arbitraries.of(true, false).map(BooleanNode::valueOf));
    }

    static Arbitrary<JsonNode> jsonObject() {
        Arbitrary<String> key = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
        return Arbitraries.maps(key, scalar()).ofMaxSize(5).map(fields -> {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            fields.forEach(node::set);
            return node;
        });
    }

    /** A content type and data that fit each other, or neither. */
    record Payload(Optional<String> contentType, Optional<EventData> data) {
    }

    static Arbitrary<Payload> payload() {
        return Arbitraries.oneOf(
                Arbitraries.just(new Payload(Optional.empty(), Optional.empty())),
                jsonObject().map(j -> new Payload(Optional.of("application/json"), Optional.of(new EventData.Json(j)))),
                jsonObject().map(j -> new Payload(Optional.empty(), Optional.of(new EventData.Json(j)))),
                text(0, 40).map(t -> new Payload(Optional.of("text/plain"), Optional.of(new EventData.Json(TextNode.valueOf(t))))),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(b ->
                        new Payload(Optional.of("application/octet-stream"), Optional.of(new EventData.Binary(b)))));
    }

    static Arbitrary<CloudEvent> events() {
        Arbitrary<CloudEvent> required = Combinators.combine(text(1, 30), source(), text(1, 30))
                .as(CloudEvent::of);
        return Combinators.combine(required, payload(),
                        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10).optional(),
                        text(1, 30).optional(), time().optional(), extensions())
                .as((e, payload, schema, subject, time, extensions) -> new CloudEvent(e.id(), e.source(),
                        CloudEvent.SPEC_VERSION, e.type(), payload.contentType(),
                        schema.map(s -> "https://schemas.example/" + s), subject, time, extensions, payload.data()));
    }
}
