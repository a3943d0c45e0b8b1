package dev.gust.sdk;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as a routed function receives it: the API Gateway HTTP API payload format 2.0,
 * field for field, so handlers written for AWS Lambda read the same JSON.
 *
 * <p>Header names are lower case; repeated headers are joined with commas; repeated query
 * parameters likewise. {@code body} is base64 when {@code isBase64Encoded} is true (any body that
 * is not text).
 *
 * @param version always {@code "2.0"}
 * @param routeKey the matched route, e.g. {@code "GET /hello/{name}"}
 * @param rawPath the request path, undecoded
 * @param rawQueryString the query string without {@code ?}, undecoded, possibly empty
 * @param cookies the request's cookies, each {@code name=value}
 * @param headers the request headers
 * @param queryStringParameters decoded query parameters
 * @param pathParameters values captured by the route's {@code {param}} segments
 * @param requestContext facts about the request
 * @param body the body, or {@code null} when there is none
 * @param isBase64Encoded whether {@code body} is base64
 */
public record HttpRequestEvent(
        String version,
        String routeKey,
        String rawPath,
        String rawQueryString,
        List<String> cookies,
        Map<String, String> headers,
        Map<String, String> queryStringParameters,
        Map<String, String> pathParameters,
        RequestContext requestContext,
        String body,
        boolean isBase64Encoded) {

    /**
     * @param accountId always {@code "gust"}
     * @param apiId the app name
     * @param domainName the {@code Host} of the request
     * @param requestId the invocation id
     * @param routeKey the matched route
     * @param stage always {@code "$default"}
     * @param time the request time, as {@code dd/MMM/yyyy:HH:mm:ss +0000}
     * @param timeEpoch the request time in epoch milliseconds
     * @param http method, path, protocol, source address and user agent
     */
    public record RequestContext(
            String accountId,
            String apiId,
            String domainName,
            String requestId,
            String routeKey,
            String stage,
            String time,
            long timeEpoch,
            Http http) {
    }

    /**
     * @param method the HTTP method
     * @param path the request path
     * @param protocol e.g. {@code "HTTP/1.1"}
     * @param sourceIp the client's address
     * @param userAgent the {@code User-Agent} header, or empty
     */
    public record Http(String method, String path, String protocol, String sourceIp, String userAgent) {
    }

    /**
     * @param name a header name, any case
     * @return the header's value, or {@code null} when absent
     */
    public String header(String name) {
        return headers == null ? null : headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * @param name a query parameter
     * @return its decoded value, or {@code null} when absent
     */
    public String query(String name) {
        return queryStringParameters == null ? null : queryStringParameters.get(name);
    }

    /**
     * @param name a path parameter of the route
     * @return its value, or {@code null} when the route has no such parameter
     */
    public String pathParameter(String name) {
        return pathParameters == null ? null : pathParameters.get(name);
    }

    /** @return the body as bytes, decoding base64 when needed; empty when there is no body */
    public byte[] bodyBytes() {
        if (body == null) {
            return new byte[0];
        }
        return isBase64Encoded
                ? java.util.Base64.getDecoder().decode(body)
                : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
