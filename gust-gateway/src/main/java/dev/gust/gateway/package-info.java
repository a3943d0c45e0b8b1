/**
 * The gateway: user HTTP routes to invocations, in the shape of AWS API Gateway HTTP APIs.
 *
 * <p>{@link dev.gust.gateway.Gateway} is the public face: a Jetty handler that matches a request
 * against the current {@link dev.gust.gateway.RouteTable}, turns it into a payload format 2.0
 * event, invokes the route's function on the request's thread and maps the outcome back to HTTP.
 *
 * <p>Choices worth knowing:
 * <ul>
 *   <li>Paths match as written: {@code /hello/} does not match {@code /hello}, and an empty segment
 *       never fills a parameter.</li>
 *   <li>A request body travels as text when its content type is textual ({@code text/*},
 *       {@code application/json}, {@code application/xml},
 *       {@code application/x-www-form-urlencoded}, {@code *+json}, {@code *+xml}) and it decodes
 *       in its charset (UTF-8 by default); otherwise, including without a content type, as base64
 *       with {@code isBase64Encoded: true}. Nothing is ever lost.</li>
 *   <li>A 2.0 response with a body and no content type is sent as {@code application/json}, as
 *       API Gateway does. Headers the gateway owns ({@code Gust-*}, {@code traceparent}) and
 *       framing headers cannot be set by a function.</li>
 *   <li>Errors are always JSON {@code {"error":{"type","message"[,"invocationId"]}}}; a malformed
 *       2.0 response is a 502 {@code InvalidFunctionResponse}.</li>
 * </ul>
 */
package dev.gust.gateway;
