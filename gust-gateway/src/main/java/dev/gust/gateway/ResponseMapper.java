package dev.gust.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.runtime.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Turns an invocation's outcome into the HTTP response. A JSON object with a {@code statusCode}
 * is a payload format 2.0 response: {@code statusCode}, {@code headers}, {@code multiValueHeaders},
 * {@code cookies} (each a {@code Set-Cookie}) and {@code body} (base64 when
 * {@code isBase64Encoded}); when it has a body but no content type, the content type is
 * {@code application/json}, as on AWS. Any other JSON is a {@code 200 application/json} body as
 * it is. A response that claims to be 2.0 but is malformed becomes a 502 naming the field.
 * Thread-safe.
 */
final class ResponseMapper {
    static final String JSON = "application/json";

    private final ObjectMapper mapper;

    ResponseMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Reply map(Outcome outcome, String invocationId) {
        return switch (outcome) {
            case Outcome.Success s -> success(s.payload(), invocationId);
            case Outcome.Failure f -> error(f.kind().httpStatus(), f.errorType(), f.message(), Optional.of(invocationId));
        };
    }

    /** @return a JSON error response, the only shape of error the gateway sends */
    Reply error(int status, String type, String message, Optional<String> invocationId) {
        var out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("type", type);
            g.writeStringField("message", message);
            if (invocationId.isPresent()) {
                g.writeStringField("invocationId", invocationId.get());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Reply(status, List.of(new Reply.Header("Content-Type", JSON)), out.toByteArray());
    }

    private Reply success(byte[] payload, String invocationId) {
        if (!startsWithBrace(payload)) {
            return plain(payload);
        }
        JsonNode node;
        try {
            node = mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            return invalid("the result is not JSON: " + e.getOriginalMessage(), invocationId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return node.has("statusCode") ? structured(node, invocationId) : plain(payload);
    }

    private static Reply plain(byte[] payload) {
        return new Reply(200, List.of(new Reply.Header("Content-Type", JSON)), payload);
    }

    private Reply structured(JsonNode r, String invocationId) {
        JsonNode code = r.get("statusCode");
        int status = code.canConvertToInt() || code.isTextual() ? code.asInt(-1) : -1;
        if (status < 100 || status > 599) {
            return invalid("statusCode must be a number 100..599, was " + code, invocationId);
        }
        List<Reply.Header> headers = new ArrayList<>();
        r.path("headers").properties().forEach(e -> addHeader(headers, e.getKey(), e.getValue()));
        r.path("multiValueHeaders").properties().forEach(e -> e.getValue().forEach(v -> addHeader(headers, e.getKey(), v)));
        r.path("cookies").forEach(c -> addHeader(headers, "Set-Cookie", c));
        Optional<byte[]> body = body(r);
        if (body.isEmpty()) {
            return invalid("body is marked isBase64Encoded but is not valid base64", invocationId);
        }
        if (body.get().length > 0 && headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("content-type"))) {
            headers.add(new Reply.Header("Content-Type", JSON));
        }
        return new Reply(status, headers, body.get());
    }

    /** @return the body bytes, or empty when base64 was promised and not kept */
    private static Optional<byte[]> body(JsonNode r) {
        JsonNode b = r.get("body");
        if (b == null || b.isNull()) {
            return Optional.of(new byte[0]);
        }
        String text = b.isTextual() ? b.textValue() : b.toString();
        if (!r.path("isBase64Encoded").asBoolean(false)) {
            return Optional.of(text.getBytes(StandardCharsets.UTF_8));
        }
        try {
            return Optional.of(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Skips headers Jetty could not send (bad names, line breaks) and the ones the gateway owns. */
    private static void addHeader(List<Reply.Header> headers, String name, JsonNode value) {
        String v = value.isValueNode() ? value.asText() : value.toString();
        if (isToken(name) && v.indexOf('\r') < 0 && v.indexOf('\n') < 0 && !isFramingHeader(name)) {
            headers.add(new Reply.Header(name, v));
        }
    }

    private static boolean isFramingHeader(String name) {
        return name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("transfer-encoding")
                || name.equalsIgnoreCase("connection");
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 127 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private Reply invalid(String message, String invocationId) {
        return error(502, "InvalidFunctionResponse", message, Optional.of(invocationId));
    }

    private static boolean startsWithBrace(byte[] payload) {
        for (byte b : payload) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b == '{';
            }
        }
        return false;
    }
}
