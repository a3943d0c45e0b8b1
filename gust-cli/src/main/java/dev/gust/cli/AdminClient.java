package dev.gust.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Talks to a node's admin API. Turns every failure into a {@link CliException} whose message is the
 * server's {@code error.message}, or says that there is no node. Thread-safe.
 */
final class AdminClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final NodeAddress node;

    private AdminClient(HttpClient http, NodeAddress node) {
        this.http = http;
        this.node = node;
    }

    static AdminClient create(NodeAddress node) {
        return new AdminClient(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build(), node);
    }

    /** What the node answered. */
    record Response(int status, HttpHeaders headers, byte[] body) {
        boolean ok() {
            return status / 100 == 2;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new CliException("the node answered " + status + " with something that is not JSON: "
                        + abbreviate(text()), e);
            }
        }
    }

    /** @return the JSON body of a successful GET; fails with the server's message otherwise */
    JsonNode get(String path) throws InterruptedException {
        return requireOk(fetch(path)).json();
    }

    /** @return the answer to a GET, whatever its status */
    Response fetch(String path) throws InterruptedException {
        return send(request(path).GET());
    }

    /** @return the answer, whatever its status */
    Response post(String path, String contentType, BodyPublisher body) throws InterruptedException {
        return post(path, contentType, body, Map.of());
    }

    /** @param headers extra request headers @return the answer, whatever its status */
    Response post(String path, String contentType, BodyPublisher body, Map<String, String> headers)
            throws InterruptedException {
        // a large body waits for 100 Continue, so a node that refuses it (413) is heard, not reset
        var request = request(path).header("Content-Type", contentType).expectContinue(body.contentLength() > 65_536);
        headers.forEach(request::header);
        return send(request.POST(body));
    }

    /** Deletes; fails with the server's message unless it answered 2xx. */
    void delete(String path) throws InterruptedException {
        requireOk(send(request(path).DELETE()));
    }

    /** @return the body's lines as they arrive (for server-sent events); fails unless 2xx */
    Stream<String> lines(String path) throws InterruptedException {
        var response = exchange(request(path).header("Accept", "text/event-stream").GET().build(),
                BodyHandlers.ofLines());
        if (response.statusCode() / 100 != 2) {
            String body = response.body().collect(Collectors.joining("\n"));
            throw failure(new Response(response.statusCode(), response.headers(), body.getBytes(StandardCharsets.UTF_8)));
        }
        return response.body();
    }

    /** @return the answer to {@code GET /healthz}, which needs no token */
    Response health() throws InterruptedException {
        var req = HttpRequest.newBuilder(node.base().resolve("/healthz")).GET().build();
        var r = exchange(req, BodyHandlers.ofByteArray());
        return new Response(r.statusCode(), r.headers(), r.body());
    }

    Response send(HttpRequest.Builder request) throws InterruptedException {
        var r = exchange(request.build(), BodyHandlers.ofByteArray());
        return new Response(r.statusCode(), r.headers(), r.body());
    }

    /** @throws CliException with the server's message unless the response is 2xx */
    Response requireOk(Response r) {
        if (!r.ok()) {
            throw failure(r);
        }
        return r;
    }

    CliException failure(Response r) {
        String message = errorMessage(r).orElse("the node answered " + r.status());
        if (r.status() == 401 || r.status() == 403) {
            message += " (the token came from " + node.tokenLookedAt() + ")";
        }
        return new CliException(message);
    }

    static Optional<String> errorMessage(Response r) {
        try {
            JsonNode message = JSON.readTree(r.body()).path("error").path("message");
            return message.isTextual() ? Optional.of(message.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    NodeAddress node() {
        return node;
    }

    private HttpRequest.Builder request(String path) {
        String token = node.token().orElseThrow(this::missingToken);
        return HttpRequest.newBuilder(node.base().resolve(path)).header("Authorization", "Bearer " + token);
    }

    // Without a token, "no node" is the more useful thing to say when there is no node either.
    private CliException missingToken() {
        try {
            health();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new CliException("no admin token: looked in " + node.tokenLookedAt()
                + "; run this where ./gust up runs (or pass --data), or set GUST_TOKEN");
    }

    private <T> java.net.http.HttpResponse<T> exchange(HttpRequest request, BodyHandler<T> handler)
            throws InterruptedException {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw noNode(e);
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException) {
                throw noNode(e);
            }
            throw new CliException("lost the connection to the node at " + node.hostPort() + ": " + e.getMessage(), e);
        }
    }

    private CliException noNode(IOException e) {
        return new CliException("no node at " + node.hostPort() + ": start one with ./gust up", e);
    }

    /** @return {@code path?k=v&...} with the present values, URL-encoded */
    static String withQuery(String path, Map<String, Object> params) {
        Map<String, Object> present = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (v != null) {
                present.put(k, v);
            }
        });
        if (present.isEmpty()) {
            return path;
        }
        return path + "?" + present.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(String.valueOf(e.getValue())))
                .collect(Collectors.joining("&"));
    }

    /** @return one URL path segment, encoded */
    static String segment(String s) {
        return encode(s);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    static BodyPublisher json(String text) {
        return BodyPublishers.ofString(text, StandardCharsets.UTF_8);
    }
}
