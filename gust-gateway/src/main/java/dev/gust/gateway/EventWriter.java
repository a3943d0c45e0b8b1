package dev.gust.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
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
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Writes a request as an API Gateway HTTP API payload format 2.0 event, streaming straight to
 * bytes: this runs for every routed request. Thread-safe.
 */
final class EventWriter {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss +0000", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final JsonFactory json;

    EventWriter(JsonFactory json) {
        this.json = json;
    }

    /**
     * @param request the HTTP request
     * @param match its route
     * @param app the route's app
     * @param invocationId the request id
     * @param epochMillis when the request arrived
     * @param body the request body, possibly empty
     * @return the event's JSON
     */
    byte[] write(Request request, RouteMatch match, String invocationId, long epochMillis, byte[] body) {
        var out = new ByteArrayOutputStream(1024 + body.length * 4 / 3);
        try (JsonGenerator g = json.createGenerator(out)) {
            write(g, request, match, invocationId, epochMillis, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Request request, RouteMatch match, String id, long epochMillis,
            byte[] body) throws IOException {
        String routeKey = match.route().key();
        String rawPath = request.getHttpURI().getPath();
        String rawQuery = request.getHttpURI().getQuery();
        var headers = new Headers(request);
        g.writeStartObject();
        g.writeStringField("version", "2.0");
        g.writeStringField("routeKey", routeKey);
        g.writeStringField("rawPath", rawPath);
        g.writeStringField("rawQueryString", rawQuery == null ? "" : rawQuery);
        if (!headers.cookies.isEmpty()) {
            writeArray(g, "cookies", headers.cookies);
        }
        writeMap(g, "headers", headers.joined);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            writeMap(g, "queryStringParameters", queryParameters(rawQuery));
        }
        if (!match.pathParameters().isEmpty()) {
            writeMap(g, "pathParameters", match.pathParameters());
        }
        writeContext(g, request, match, id, epochMillis, headers, rawPath);
        writeBody(g, body, headers.joined.get("content-type"));
        g.writeEndObject();
    }

    private static void writeContext(JsonGenerator g, Request request, RouteMatch match, String id,
            long epochMillis, Headers headers, String rawPath) throws IOException {
        String domain = domainName(request, headers.joined.get("host"));
        g.writeObjectFieldStart("requestContext");
        g.writeStringField("accountId", "gust");
        g.writeStringField("apiId", match.route().binding().app());
        g.writeStringField("domainName", domain);
        g.writeStringField("domainPrefix", domainPrefix(domain));
        g.writeObjectFieldStart("http");
        g.writeStringField("method", request.getMethod());
        g.writeStringField("path", rawPath);
        g.writeStringField("protocol", request.getConnectionMetaData().getProtocol());
        g.writeStringField("sourceIp", Request.getRemoteAddr(request));
        g.writeStringField("userAgent", headers.joined.getOrDefault("user-agent", ""));
        g.writeEndObject();
        g.writeStringField("requestId", id);
        g.writeStringField("routeKey", match.route().key());
        g.writeStringField("stage", "$default");
        g.writeStringField("time", TIME.format(Instant.ofEpochMilli(epochMillis)));
        g.writeNumberField("timeEpoch", epochMillis);
        g.writeEndObject();
    }

    /** Text for textual content types that decode cleanly, base64 for everything else. */
    private static void writeBody(JsonGenerator g, byte[] body, String contentType) throws IOException {
        String text = body.length == 0 ? null : BodyText.decode(body, contentType);
        if (body.length > 0) {
            g.writeStringField("body", text != null ? text : Base64.getEncoder().encodeToString(body));
        }
        g.writeBooleanField("isBase64Encoded", body.length > 0 && text == null);
    }

    private static void writeArray(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void writeMap(JsonGenerator g, String name, Map<String, String> map) throws IOException {
        g.writeObjectFieldStart(name);
        for (var e : map.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    /** @return decoded parameters; a repeated name's values joined with commas, as AWS does */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            end = end < 0 ? rawQuery.length() : end;
            addParameter(params, rawQuery.substring(start, end));
            start = end + 1;
        }
        return params;
    }

    private static void addParameter(Map<String, String> params, String pair) {
        int eq = pair.indexOf('=');
        String name = Percent.decode(eq < 0 ? pair : pair.substring(0, eq), true);
        if (!name.isEmpty()) {
            String value = eq < 0 ? "" : Percent.decode(pair.substring(eq + 1), true);
            params.merge(name, value, (a, b) -> a + "," + b);
        }
    }

    /** @return the Host without its port, or the server's name when the request has no Host */
    static String domainName(Request request, String host) {
        if (host == null || host.isEmpty()) {
            return Request.getServerName(request);
        }
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static String domainPrefix(String domain) {
        int dot = domain.indexOf('.');
        return dot <= 0 || Character.isDigit(domain.charAt(0)) ? domain : domain.substring(0, dot);
    }

    /** The request's headers as the event shows them: lower-case names, repeats joined, cookies apart. */
    private static final class Headers {
        final Map<String, String> joined = new LinkedHashMap<>();
        final List<String> cookies = new ArrayList<>(0);

        Headers(Request request) {
            for (HttpField f : request.getHeaders()) {
                if (f.getHeader() == HttpHeader.COOKIE) {
                    splitCookies(f.getValue());
                } else {
                    joined.merge(f.getLowerCaseName(), f.getValue(), (a, b) -> a + "," + b);
                }
            }
        }

        private void splitCookies(String value) {
            for (String c : value.split(";")) {
                String t = c.strip();
                if (!t.isEmpty()) {
                    cookies.add(t);
                }
            }
        }
    }

    /** Decides whether a body travels as text. */
    static final class BodyText {
        private BodyText() {
        }

        /** @return the body as text when its content type is textual and it decodes cleanly, else null */
        static String decode(byte[] body, String contentType) {
            if (contentType == null || !isTextual(contentType)) {
                return null;
            }
            try {
                return charset(contentType).newDecoder().decode(ByteBuffer.wrap(body)).toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }

        static boolean isTextual(String contentType) {
            int semi = contentType.indexOf(';');
            String type = (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
            return type.startsWith("text/") || type.equals("application/json") || type.equals("application/xml")
                    || type.equals("application/x-www-form-urlencoded")
                    || type.endsWith("+json") || type.endsWith("+xml");
        }

        private static Charset charset(String contentType) {
            int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
            if (at < 0) {
                return StandardCharsets.UTF_8;
            }
            String name = contentType.substring(at + 8).split(";", 2)[0].strip().replace("\"", "");
            try {
                return Charset.forName(name);
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }
    }
}
