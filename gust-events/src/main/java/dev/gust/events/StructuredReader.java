package dev.gust.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads events in the JSON event format: one object (structured mode) or an array (batch mode). */
final class StructuredReader {
    private final int maxEventBytes;

    StructuredReader(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    ParseResult structured(byte[] body) {
        var problems = new ArrayList<Problem>();
        if (body.length > maxEventBytes) {
            return new ParseResult.Rejected(List.of(tooLarge("", body.length)));
        }
        Optional<JsonNode> tree = Json.read(body);
        if (tree.isEmpty()) {
            return rejectedBody("an application/cloudevents+json body must be one JSON object");
        }
        Optional<CloudEvent> event = event(tree.get(), "", problems);
        return problems.isEmpty()
                ? new ParseResult.Accepted(ParseResult.Mode.STRUCTURED, List.of(event.orElseThrow()))
                : new ParseResult.Rejected(problems);
    }

    ParseResult batch(byte[] body) {
        Optional<JsonNode> tree = Json.read(body);
        if (tree.isEmpty() || !tree.get().isArray()) {
            return rejectedBody("an application/cloudevents-batch+json body must be a JSON array of event objects");
        }
        var problems = new ArrayList<Problem>();
        var events = new ArrayList<CloudEvent>();
        for (int i = 0; i < tree.get().size(); i++) {
            JsonNode element = tree.get().get(i);
            String prefix = "events[" + i + "]";
            int size = Json.bytes(element).length;
            if (size > maxEventBytes) {
                problems.add(tooLarge(prefix, size));
            } else {
                event(element, prefix, problems).ifPresent(events::add);
            }
        }
        return problems.isEmpty()
                ? new ParseResult.Accepted(ParseResult.Mode.BATCH, events)
                : new ParseResult.Rejected(problems);
    }

    /** @return the event of one JSON object, or empty when problems were added */
    static Optional<CloudEvent> event(JsonNode node, String prefix, List<Problem> problems) {
        if (!node.isObject()) {
            problems.add(Problem.invalid(prefix, "must be an event object, was " + EventAttributes.kind(node)));
            return Optional.empty();
        }
        Map<String, JsonNode> attributes = new LinkedHashMap<>();
        node.properties().forEach(field -> attributes.put(field.getKey(), field.getValue()));
        JsonNode data = attributes.remove("data");
        JsonNode base64 = attributes.remove("data_base64");
        int before = problems.size();
        Optional<EventData> payload = data(data, base64, prefix, problems);
        Optional<CloudEvent> event = EventAttributes.read(attributes, payload, name -> join(prefix, name), problems);
        return problems.size() > before ? Optional.empty() : event;
    }

    private static Optional<EventData> data(JsonNode data, JsonNode base64, String prefix, List<Problem> problems) {
        boolean hasData = data != null && !data.isNull();
        boolean hasBase64 = base64 != null && !base64.isNull();
        if (hasData && hasBase64) {
            problems.add(Problem.invalid(join(prefix, "data_base64"), "must not be given together with data"));
            return Optional.empty();
        }
        if (hasBase64) {
            return decode(base64, join(prefix, "data_base64"), problems);
        }
        return hasData ? Optional.of(new EventData.Json(data)) : Optional.empty();
    }

    private static Optional<EventData> decode(JsonNode base64, String path, List<Problem> problems) {
        if (!base64.isTextual()) {
            problems.add(Problem.invalid(path, "must be a base64 string, was " + EventAttributes.kind(base64)));
            return Optional.empty();
        }
        try {
            return Optional.of(new EventData.Binary(Base64.getDecoder().decode(base64.textValue())));
        } catch (IllegalArgumentException e) {
            problems.add(Problem.invalid(path, "must be base64 (RFC 4648): " + e.getMessage()));
            return Optional.empty();
        }
    }

    private Problem tooLarge(String path, int size) {
        return new Problem(path, "event is " + size + " bytes, the limit is " + maxEventBytes + " bytes",
                Problem.Kind.TOO_LARGE);
    }

    private static ParseResult rejectedBody(String message) {
        return new ParseResult.Rejected(List.of(Problem.invalid("", message)));
    }

    static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }
}
