package dev.gust.events;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A CloudEvents 1.0 event. Instances made by {@link CloudEventCodec} are valid; one built by hand
 * is checked with {@link CloudEventCodec#check(CloudEvent)}.
 *
 * @param id unique with {@code source}; non-empty
 * @param source a URI-reference naming the producer context, e.g. {@code /orders} or
 *     {@code https://shop.example/orders}
 * @param specversion always {@code 1.0}
 * @param type the kind of occurrence, e.g. {@code com.example.order.created}
 * @param datacontenttype the media type of {@code data}; absent means JSON when data is JSON
 * @param dataschema an absolute URI of the schema {@code data} adheres to
 * @param subject the subject of the event within the source
 * @param time when the occurrence happened (RFC 3339)
 * @param extensions extension attributes by name ({@code [a-z0-9]{1,20}}); values are
 *     {@link String}, {@link Boolean} or {@link Integer}, CloudEvents' JSON-native types
 * @param data the payload, if any
 */
public record CloudEvent(
        String id,
        String source,
        String specversion,
        String type,
        Optional<String> datacontenttype,
        Optional<String> dataschema,
        Optional<String> subject,
        Optional<OffsetDateTime> time,
        Map<String, Object> extensions,
        Optional<EventData> data) {

    /** The only CloudEvents version Gust speaks. */
    public static final String SPEC_VERSION = "1.0";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(specversion, "specversion");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(datacontenttype, "datacontenttype");
        Objects.requireNonNull(dataschema, "dataschema");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
        extensions = java.util.Collections.unmodifiableMap(new TreeMap<>(extensions));
    }

    /** @return a minimal event with the required attributes and nothing else */
    public static CloudEvent of(String id, String source, String type) {
        return new CloudEvent(id, source, SPEC_VERSION, type, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), Optional.empty());
    }

    /** @return this event with {@code data} as JSON, content type {@code application/json} */
    public CloudEvent withJsonData(com.fasterxml.jackson.databind.JsonNode json) {
        return new CloudEvent(id, source, specversion, type, Optional.of("application/json"), dataschema,
                subject, time, extensions, Optional.of(new EventData.Json(json)));
    }

    /** @return this event with one more extension attribute */
    public CloudEvent withExtension(String name, Object value) {
        var more = new TreeMap<>(extensions);
        more.put(name, value);
        return new CloudEvent(id, source, specversion, type, datacontenttype, dataschema, subject, time,
                more, data);
    }
}
