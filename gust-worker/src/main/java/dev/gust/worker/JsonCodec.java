package dev.gust.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Maps invocation payloads to handler inputs and handler outputs to result payloads.
 *
 * <ul>
 *   <li>{@code byte[]} input: the raw payload bytes. {@code String} input: the value when the
 *       payload is a JSON string, else the payload's JSON text.
 *   <li>Records, POJOs, {@code Map}, {@code List}: Jackson, ignoring unknown properties; records by
 *       component name, so {@code isBase64Encoded} keeps its name (API Gateway payload 2.0).
 *   <li>A record or POJO of the function's own that does not model the event itself, given an
 *       API Gateway payload 2.0 event: the event's JSON body, not the event (see {@link HttpBody}).
 *   <li>{@code Object}: whatever the JSON is: {@code Map}, {@code List}, {@code String}, number,
 *       boolean.
 *   <li>Output: {@code null} becomes {@code null}; a {@code String} a JSON string; a
 *       {@code byte[]} a JSON string holding the bytes in base64 (Jackson's convention);
 *       anything else its JSON.
 * </ul>
 *
 * The mapper is built once, on first use or by {@link #warmUp}, off the cold-start path.
 * Thread-safe.
 */
final class JsonCodec {
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private volatile ObjectMapper mapper;

    /**
     * Builds the mapper and the reader of {@code inputType} now, so that the first invocation does
     * not pay for them.
     */
    void warmUp(Type inputType) {
        ObjectMapper m = mapper();
        try {
            if (inputType != byte[].class) {
                m.readerFor(m.constructType(inputType));
            }
        } catch (RuntimeException e) {
            // a type Jackson cannot read: the first invocation reports it, as InvalidInput
        }
    }

    /**
     * @param payload the invocation's payload
     * @param type the handler's input type
     * @return the input, or {@code null} for an empty payload or JSON {@code null}
     * @throws MappingException when the payload does not fit the type
     */
    Object read(byte[] payload, Type type) {
        if (type == byte[].class) {
            return payload;
        }
        if (isBlank(payload)) {
            return null;
        }
        if (type == String.class && payload[firstNonBlank(payload)] != '"') {
            return new String(payload, StandardCharsets.UTF_8);
        }
        if (payload[firstNonBlank(payload)] == '{' && HttpBody.takesBody(type)) {
            Optional<HttpBody> body = httpBody(payload);
            if (body.isPresent()) {
                return readBody(body.get(), type);
            }
        }
        return bind(payload, type, "payload does not fit the input type " + type.getTypeName());
    }

    /** @return the body when the payload is an HTTP event; empty when it is not, or is no JSON at all */
    private Optional<HttpBody> httpBody(byte[] payload) {
        try {
            return HttpBody.of(mapper().readTree(payload));
        } catch (IOException e) {
            return Optional.empty(); // binding reports it, as for any payload
        }
    }

    private Object readBody(HttpBody body, Type type) {
        String request = "the body of the HTTP request " + body.routeKey();
        if (!isJson(body.bytes())) {
            return bind(body.bytes(), type, request + " is not JSON, so it cannot be read as " + type.getTypeName());
        }
        return bind(body.bytes(), type, request + " does not fit the input type " + type.getTypeName());
    }

    private Object bind(byte[] json, Type type, String problem) {
        try {
            ObjectMapper m = mapper();
            return m.readValue(json, m.constructType(type));
        } catch (IOException e) {
            throw new MappingException(MappingException.INVALID_INPUT, problem + ": " + originalMessage(e), e);
        }
    }

    /**
     * Reads another function's result as the caller asked for it: like {@link #read}, but never as
     * the body of an HTTP event.
     *
     * @throws MappingException when the JSON does not fit the type
     */
    Object readResult(byte[] json, Type type) {
        if (isBlank(json)) {
            return null;
        }
        if (type == String.class && json[firstNonBlank(json)] != '"') {
            return new String(json, StandardCharsets.UTF_8);
        }
        return bind(json, type, "the result does not fit the type " + type.getTypeName());
    }

    /** @return the JSON tree of a node's answer */
    com.fasterxml.jackson.databind.JsonNode tree(byte[] json) throws IOException {
        return mapper().readTree(json);
    }

    /**
     * @param value a handler's output
     * @return its JSON
     * @throws MappingException when the value cannot be written as JSON
     */
    byte[] write(Object value) {
        if (value == null) {
            return NULL.clone();
        }
        try {
            return mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new MappingException(MappingException.INVALID_OUTPUT, "the result of type "
                    + value.getClass().getName() + " cannot be written as JSON: " + originalMessage(e), e);
        }
    }

    /** @return whether the bytes parse as one JSON value */
    boolean isJson(byte[] bytes) {
        try (var parser = mapper().createParser(bytes)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private ObjectMapper mapper() {
        ObjectMapper m = mapper;
        if (m == null) {
            synchronized (this) {
                m = mapper;
                if (m == null) {
                    m = build();
                    mapper = m;
                }
            }
        }
        return m;
    }

    private static ObjectMapper build() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
    }

    private static String originalMessage(JsonProcessingException e) {
        return e.getOriginalMessage();
    }

    private static String originalMessage(IOException e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    }

    private static boolean isBlank(byte[] payload) {
        return firstNonBlank(payload) == payload.length;
    }

    private static int firstNonBlank(byte[] b) {
        int i = 0;
        while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** A payload or a result that does not map; its error type says which. */
    static final class MappingException extends RuntimeException {
        static final String INVALID_INPUT = "InvalidInput";
        static final String INVALID_OUTPUT = "InvalidOutput";
        private final String errorType;

        MappingException(String errorType, String message, Throwable cause) {
            super(message, cause);
            this.errorType = errorType;
        }

        String errorType() {
            return errorType;
        }
    }
}
