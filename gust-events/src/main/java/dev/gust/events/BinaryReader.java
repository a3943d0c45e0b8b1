package dev.gust.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads an event in binary mode: attributes in {@code ce-*} headers, the body is the data. */
final class BinaryReader {
    private static final String PREFIX = "ce-";
    private final int maxEventBytes;

    BinaryReader(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    ParseResult read(EventRequest request) {
        if (request.bodyLength() > maxEventBytes) {
            return new ParseResult.Rejected(List.of(new Problem("", "event data is " + request.bodyLength()
                    + " bytes, the limit is " + maxEventBytes + " bytes", Problem.Kind.TOO_LARGE)));
        }
        var problems = new ArrayList<Problem>();
        Map<String, JsonNode> attributes = headers(request, problems);
        Optional<String> contentType = request.header("content-type");
        contentType.ifPresent(type -> attributes.put("datacontenttype", TextNode.valueOf(type)));
        Optional<EventData> data = data(request.bodyUnsafe(), contentType, problems);
        Optional<CloudEvent> event = EventAttributes.read(attributes, data, BinaryReader::path, problems);
        return problems.isEmpty()
                ? new ParseResult.Accepted(ParseResult.Mode.BINARY, List.of(event.orElseThrow()))
                : new ParseResult.Rejected(problems);
    }

    private static Map<String, JsonNode> headers(EventRequest request, List<Problem> problems) {
        var attributes = new HashMap<String, JsonNode>();
        request.headers().forEach((name, value) -> {
            if (name.startsWith(PREFIX) && !name.equals(PREFIX + "datacontenttype")) {
                String attribute = name.substring(PREFIX.length());
                percentDecode(value).ifPresentOrElse(
                        decoded -> attributes.put(attribute, TextNode.valueOf(decoded)),
                        () -> problems.add(Problem.invalid(name, "must be percent-encoded UTF-8 (%XX)")));
            }
        });
        if (request.header(PREFIX + "datacontenttype").isPresent()) {
            problems.add(Problem.invalid(PREFIX + "datacontenttype",
                    "binary mode carries the data content type in Content-Type, not in a ce- header"));
        }
        return attributes;
    }

    private static Optional<EventData> data(byte[] body, Optional<String> contentType, List<Problem> problems) {
        if (body.length == 0) {
            return Optional.empty();
        }
        String type = contentType.orElse("application/octet-stream");
        if (MediaTypes.isJson(type)) {
            Optional<JsonNode> json = Json.read(body);
            if (json.isEmpty()) {
                problems.add(Problem.invalid("body", "is not valid JSON, as Content-Type " + type + " says it is"));
            }
            return json.map(EventData.Json::new);
        }
        if (MediaTypes.isText(type)) {
            return utf8(body).<EventData>map(text -> new EventData.Json(TextNode.valueOf(text)))
                    .or(() -> Optional.of(new EventData.Binary(body)));
        }
        return Optional.of(new EventData.Binary(body));
    }

    static Optional<String> percentDecode(String value) {
        if (value.indexOf('%') < 0) {
            return Optional.of(value);
        }
        var bytes = new ByteArrayOutputStream();
        byte[] raw = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '%') {
                bytes.write(raw[i]);
                continue;
            }
            if (i + 2 >= raw.length) {
                return Optional.empty();
            }
            int high = Character.digit(raw[i + 1], 16);
            int low = Character.digit(raw[i + 2], 16);
            if (high < 0 || low < 0) {
                return Optional.empty();
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        return utf8(bytes.toByteArray());
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String path(String attribute) {
        return attribute.equals("datacontenttype") ? "content-type" : PREFIX + attribute;
    }
}
