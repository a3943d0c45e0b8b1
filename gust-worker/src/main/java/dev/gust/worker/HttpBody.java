package dev.gust.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The body of a routed HTTP request, for handlers whose input is one of their own records or POJOs.
 * Such a handler reached through a route gets the request's JSON body mapped to its input type, not
 * the API Gateway payload 2.0 event, so one handler serves its route and direct invocation alike.
 * AWS Lambda would pass the event; this is a deliberate difference. Types that model the event
 * themselves (a {@code routeKey} or {@code requestContext} property, like {@code HttpRequestEvent} or
 * Lambda's {@code APIGatewayV2HTTPEvent}) still get the event. Stateless; thread-safe.
 *
 * @param routeKey the matched route, e.g. {@code POST /greet}, for messages
 * @param bytes the body, base64-decoded when it was encoded; {@code {}} when there was none
 */
record HttpBody(String routeKey, byte[] bytes) {
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> PLATFORM_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.",
            "com.fasterxml.jackson.", "dev.gust.sdk.");
    private static final Set<String> EVENT_PROPERTIES = Set.of("routeKey", "requestContext");
    private static final ClassValue<Boolean> TAKES_BODY = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return isOwnValueType(type) && !modelsTheEvent(type);
        }
    };

    /**
     * @param inputType a handler's input type
     * @return whether a routed request's body, rather than its event, is read as that type
     */
    static boolean takesBody(Type inputType) {
        Class<?> raw = inputType instanceof Class<?> c ? c
                : inputType instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
        return raw != null && TAKES_BODY.get(raw);
    }

    /**
     * @param payload an invocation's payload, parsed
     * @return its body when it is a payload 2.0 event ({@code version} 2.0, {@code routeKey} and
     *     {@code requestContext}), else empty
     * @throws JsonCodec.MappingException when the event's body is not a string or not valid base64
     */
    static Optional<HttpBody> of(JsonNode payload) {
        if (!isEvent(payload)) {
            return Optional.empty();
        }
        String routeKey = payload.path("routeKey").asText();
        return Optional.of(new HttpBody(routeKey, bytes(payload, routeKey)));
    }

    private static boolean isEvent(JsonNode payload) {
        return payload.isObject() && "2.0".equals(payload.path("version").textValue())
                && payload.has("routeKey") && payload.path("requestContext").isObject();
    }

    private static byte[] bytes(JsonNode event, String routeKey) {
        JsonNode body = event.path("body");
        if (body.isMissingNode() || body.isNull()) {
            return EMPTY_OBJECT.clone();
        }
        if (!body.isTextual()) {
            throw invalid("the body of the HTTP request " + routeKey + " must be a string, was " + body.getNodeType());
        }
        byte[] bytes = event.path("isBase64Encoded").asBoolean(false) ? decode(body.textValue(), routeKey)
                : body.textValue().getBytes(StandardCharsets.UTF_8);
        return new String(bytes, StandardCharsets.UTF_8).isBlank() ? EMPTY_OBJECT.clone() : bytes;
    }

    private static byte[] decode(String base64, String routeKey) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw invalid("the body of the HTTP request " + routeKey
                    + " is marked isBase64Encoded but is not valid base64: " + e.getMessage());
        }
    }

    private static JsonCodec.MappingException invalid(String message) {
        return new JsonCodec.MappingException(JsonCodec.MappingException.INVALID_INPUT, message, null);
    }

    /** A concrete class of the function's own: not a JDK, Jackson or SDK type, collection or enum. */
    private static boolean isOwnValueType(Class<?> type) {
        String name = type.getName();
        return !type.isPrimitive() && !type.isArray() && !type.isEnum() && !type.isInterface()
                && !Modifier.isAbstract(type.getModifiers()) && PLATFORM_PACKAGES.stream().noneMatch(name::startsWith);
    }

    private static boolean modelsTheEvent(Class<?> type) {
        if (type.isRecord()) {
            return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                    .anyMatch(EVENT_PROPERTIES::contains);
        }
        return Arrays.stream(type.getMethods()).map(HttpBody::propertyOf).anyMatch(EVENT_PROPERTIES::contains)
                || fieldsOf(type).stream().map(Field::getName).anyMatch(EVENT_PROPERTIES::contains);
    }

    /** @return the bean property a getter or setter stands for, e.g. {@code getRouteKey} -> {@code routeKey} */
    private static String propertyOf(Method m) {
        String n = m.getName();
        if (n.length() < 4 || !(n.startsWith("get") || n.startsWith("set"))) {
            return "";
        }
        return Character.toLowerCase(n.charAt(3)) + n.substring(4);
    }

    private static List<Field> fieldsOf(Class<?> type) {
        var fields = new ArrayList<Field>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            fields.addAll(Arrays.asList(c.getDeclaredFields()));
        }
        return fields;
    }
}
