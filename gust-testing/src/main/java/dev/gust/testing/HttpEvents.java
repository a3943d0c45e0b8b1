package dev.gust.testing;

import dev.gust.sdk.HttpRequestEvent;
import java.lang.reflect.RecordComponent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link HttpRequestEvent} a routed function receives, as the gateway would: API Gateway
 * HTTP API payload format 2.0 with {@code routeKey}, {@code rawQueryString} and
 * {@code requestContext} filled in.
 *
 * <pre>{@code
 * HttpRequestEvent event = HttpEvents.get("/hello")
 *         .query("name", "Ada")
 *         .header("Accept", "application/json")
 *         .build();
 * }</pre>
 *
 * <p>As in the gateway, header names are lower-cased, and repeated headers and query parameters are
 * joined with commas. The route key defaults to {@code "METHOD path"}; set {@link #routeKey} for a
 * route with parameters. A builder is not thread-safe; the events it builds are immutable.
 */
public final class HttpEvents {
    private static final DateTimeFormatter CLF_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss '+0000'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private final String method;
    private final String path;
    private String routeKey;
    private final List<String> rawQuery = new ArrayList<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<String> cookies = new ArrayList<>();
    private final Map<String, String> pathParameters = new LinkedHashMap<>();
    private String body;
    private boolean base64;
    private String app = "test-app";
    private String requestId = "test-request";
    private String sourceIp = "127.0.0.1";
    private Instant time = Instant.parse("2026-01-01T00:00:00Z");

    private HttpEvents(String method, String path) {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method must be one of " + METHODS + ", was " + method);
        }
        if (path == null || !path.startsWith("/") || path.contains("?")) {
            throw new IllegalArgumentException(
                    "path must start with / and hold no query (use query(...)), was " + path);
        }
        this.method = method;
        this.path = path;
    }

    /**
     * @param path the request path, e.g. {@code /hello}
     * @return a GET request
     */
    public static HttpEvents get(String path) { return new HttpEvents("GET", path); }

    /**
     * @param path the request path
     * @return a POST request
     */
    public static HttpEvents post(String path) { return new HttpEvents("POST", path); }

    /**
     * @param path the request path
     * @return a PUT request
     */
    public static HttpEvents put(String path) { return new HttpEvents("PUT", path); }

    /**
     * @param path the request path
     * @return a PATCH request
     */
    public static HttpEvents patch(String path) { return new HttpEvents("PATCH", path); }

    /**
     * @param path the request path
     * @return a DELETE request
     */
    public static HttpEvents delete(String path) { return new HttpEvents("DELETE", path); }

    /**
     * @param method GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS (any case)
     * @param path the request path
     * @return a request with that method
     */
    public static HttpEvents request(String method, String path) {
        return new HttpEvents(method == null ? "" : method.toUpperCase(Locale.ROOT), path);
    }

    /** @param key the matched route, e.g. {@code GET /users/{id}}; default {@code "METHOD path"} */
    public HttpEvents routeKey(String key) {
        this.routeKey = key;
        return this;
    }

    /** Adds a query parameter; a repeated name joins its values with commas. */
    public HttpEvents query(String name, String value) {
        rawQuery.add(encode(name) + "=" + encode(value));
        query.merge(name, value, (a, b) -> a + "," + b);
        return this;
    }

    /** Adds a header (name lower-cased); a repeated name joins its values with commas. */
    public HttpEvents header(String name, String value) {
        headers.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
        return this;
    }

    /** @param cookie one cookie as {@code name=value} */
    public HttpEvents cookie(String cookie) {
        if (!cookie.contains("=")) {
            throw new IllegalArgumentException("cookie must be name=value, was " + cookie);
        }
        cookies.add(cookie);
        return this;
    }

    /** Sets a value captured by a {@code {name}} segment of the route. */
    public HttpEvents pathParameter(String name, String value) {
        pathParameters.put(name, value);
        return this;
    }

    /** @param text a text body, sent as is */
    public HttpEvents body(String text) {
        this.body = text;
        this.base64 = false;
        return this;
    }

    /** @param bytes a binary body, base64-encoded with {@code isBase64Encoded} set, as the gateway does */
    public HttpEvents body(byte[] bytes) {
        this.body = Base64.getEncoder().encodeToString(bytes);
        this.base64 = true;
        return this;
    }

    /** @param json a JSON text; also sets {@code content-type: application/json} */
    public HttpEvents json(String json) {
        headers.put("content-type", "application/json");
        return body(json);
    }

    /** @param app the app name, given as {@code requestContext.apiId}; default {@code test-app} */
    public HttpEvents app(String app) {
        this.app = app;
        return this;
    }

    /** @param id the invocation id, given as {@code requestContext.requestId}; default {@code test-request} */
    public HttpEvents requestId(String id) {
        this.requestId = id;
        return this;
    }

    /** @param ip the client's address; default {@code 127.0.0.1} */
    public HttpEvents sourceIp(String ip) {
        this.sourceIp = ip;
        return this;
    }

    /** @param time the request time; default 2026-01-01T00:00:00Z */
    public HttpEvents time(Instant time) {
        this.time = time;
        return this;
    }

    /** @return the event; absent parts are {@code null}, as when the gateway omits them */
    public HttpRequestEvent build() {
        String key = routeKey != null ? routeKey : method + " " + path;
        String host = headers.getOrDefault("host", "localhost").replaceFirst(":\\d+$", "");
        var http = new HttpRequestEvent.Http(method, path, "HTTP/1.1", sourceIp, headers.getOrDefault("user-agent", ""));
        var context = new HttpRequestEvent.RequestContext("gust", app, host, requestId, key, "$default",
                CLF_TIME.format(time), time.toEpochMilli(), http);
        return new HttpRequestEvent("2.0", key, path, String.join("&", rawQuery), orNull(cookies),
                Map.copyOf(headers), orNull(query), orNull(pathParameters), context, body, base64);
    }

    /** @return the event as the JSON object a handler taking a {@code Map} receives (no null fields) */
    public Map<String, Object> buildMap() {
        return asMap(build());
    }

    /**
     * @param event an event
     * @return its JSON shape as nested maps and lists, with payload format 2.0 field names; null fields
     *     are left out, as the gateway leaves them out
     */
    public static Map<String, Object> asMap(HttpRequestEvent event) {
        return recordToMap(event);
    }

    private static Map<String, Object> recordToMap(Record record) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            Object value = read(c, record);
            if (value != null) {
                out.put(c.getName(), value instanceof Record r ? recordToMap(r) : value);
            }
        }
        return out;
    }

    private static Object read(RecordComponent c, Record record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass(), e);
        }
    }

    private static <T> List<T> orNull(List<T> list) {
        return list.isEmpty() ? null : List.copyOf(list);
    }

    private static Map<String, String> orNull(Map<String, String> map) {
        return map.isEmpty() ? null : Map.copyOf(map);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
