package dev.gust.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/** Writes events as CloudEvents JSON and as the JSON rules match on. Stateless. */
final class EventWriter {
    private EventWriter() {
    }

    static ObjectNode structured(CloudEvent event) {
        ObjectNode json = attributes(event);
        event.data().ifPresent(data -> {
            switch (data) {
                case EventData.Json j -> json.set("data", j.value().deepCopy());
                case EventData.Binary b -> json.put("data_base64", Base64.getEncoder().encodeToString(b.bytes()));
            }
        });
        return json;
    }

    static ObjectNode ruler(CloudEvent event) {
        ObjectNode json = attributes(event);
        event.data().ifPresent(data -> {
            if (data instanceof EventData.Json j && (isJson(event) || j.value().isTextual())) {
                json.set("data", j.value().deepCopy());
            }
        });
        return json;
    }

    private static boolean isJson(CloudEvent event) {
        return event.datacontenttype().map(MediaTypes::isJson).orElse(true);
    }

    private static ObjectNode attributes(CloudEvent event) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("specversion", event.specversion());
        json.put("id", event.id());
        json.put("source", event.source());
        json.put("type", event.type());
        event.datacontenttype().ifPresent(v -> json.put("datacontenttype", v));
        event.dataschema().ifPresent(v -> json.put("dataschema", v));
        event.subject().ifPresent(v -> json.put("subject", v));
        event.time().ifPresent(v -> json.put("time", EventAttributes.RFC_3339.format(v)));
        event.extensions().forEach((name, value) -> json.set(name, extension(value)));
        return json;
    }

    private static JsonNode extension(Object value) {
        return Json.MAPPER.valueToTree(value);
    }
}
