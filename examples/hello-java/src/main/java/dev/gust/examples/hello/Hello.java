package dev.gust.examples.hello;

import dev.gust.sdk.Context;
import dev.gust.sdk.Handler;
import java.util.Map;

/**
 * Says hello. One handler for two callers: the route {@code GET /hello?name=Ada} (an HTTP event, the
 * name in the query string) and a direct invocation with {@code {"name":"Ada"}}. Both get
 * {@code {"message":"Hello, Ada"}}; without a name, {@code world}.
 *
 * <p>The input is a {@code Map} rather than {@link dev.gust.sdk.HttpRequestEvent} so that both
 * shapes of payload arrive intact.
 */
public final class Hello implements Handler<Map<String, Object>, Map<String, String>> {
    static final String DEFAULT_NAME = "world";

    @Override
    public Map<String, String> handle(Map<String, Object> input, Context context) {
        return Map.of("message", "Hello, " + nameIn(input));
    }

    static String nameIn(Map<String, Object> input) {
        Object name = input == null ? null : isHttpEvent(input) ? queryParameter(input, "name") : input.get("name");
        return name instanceof String s && !s.isBlank() ? s.strip() : DEFAULT_NAME;
    }

    private static boolean isHttpEvent(Map<String, Object> input) {
        return "2.0".equals(input.get("version")) && input.containsKey("requestContext");
    }

    private static Object queryParameter(Map<String, Object> event, String name) {
        return event.get("queryStringParameters") instanceof Map<?, ?> query ? query.get(name) : null;
    }
}
