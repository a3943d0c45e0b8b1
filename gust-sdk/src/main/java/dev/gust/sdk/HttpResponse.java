package dev.gust.sdk;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP response in API Gateway payload format 2.0. Return it from a routed handler to choose the
 * status, headers, cookies and body.
 *
 * @param statusCode the HTTP status
 * @param headers response headers
 * @param cookies {@code Set-Cookie} values
 * @param body the body, base64 when {@code isBase64Encoded}
 * @param isBase64Encoded whether {@code body} is base64 (binary bodies)
 */
public record HttpResponse(
        int statusCode,
        Map<String, String> headers,
        List<String> cookies,
        String body,
        boolean isBase64Encoded) {

    /**
     * @param status the HTTP status
     * @param contentType the {@code Content-Type}
     * @param body a text body
     * @return a response with one header and a text body
     */
    public static HttpResponse of(int status, String contentType, String body) {
        return new HttpResponse(status, Map.of("content-type", contentType), List.of(), body, false);
    }

    /**
     * @param body a text body
     * @return {@code 200 text/plain}
     */
    public static HttpResponse text(String body) {
        return of(200, "text/plain; charset=utf-8", body);
    }

    /**
     * @param status the HTTP status
     * @param contentType the {@code Content-Type}
     * @param body raw bytes, sent base64-encoded
     * @return a binary response
     */
    public static HttpResponse binary(int status, String contentType, byte[] body) {
        return new HttpResponse(status, Map.of("content-type", contentType), List.of(),
                Base64.getEncoder().encodeToString(body), true);
    }

    /**
     * @param name a header name
     * @param value its value
     * @return a copy with the header added or replaced
     */
    public HttpResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers == null ? Map.of() : headers);
        copy.put(name, value);
        return new HttpResponse(statusCode, copy, cookies, body, isBase64Encoded);
    }

    /** @return the body as bytes, decoding base64 when needed */
    public byte[] bodyBytes() {
        if (body == null) {
            return new byte[0];
        }
        return isBase64Encoded ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }
}
