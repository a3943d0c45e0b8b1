package dev.gust.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Answers admin API requests with canned responses, as the contract describes them, and records what
 * it was sent. The real node is tested end to end elsewhere; this checks what the CLI sends and how it
 * shows each kind of answer.
 */
final class StubNode implements AutoCloseable {
    static final String TOKEN = "test-token";

    record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    record Received(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    StubNode() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Map<String, String> env() {
        return Map.of("GUST_NODE", url(), "GUST_TOKEN", TOKEN);
    }

    /** Answers {@code METHOD path} (query ignored) with a JSON body. */
    StubNode on(String method, String path, int status, String json) {
        return on(method, path, status, Map.of("Content-Type", "application/json"), json);
    }

    StubNode on(String method, String path, int status, Map<String, String> headers, String body) {
        answers.put(method + " " + path, new Answer(status, headers, body.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received last() {
        return received.get(received.size() - 1);
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().toString(),
                Map.copyOf(ex.getRequestHeaders()), body));
        Answer a = answerFor(ex);
        a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
        ex.getResponseBody().write(a.body());
        ex.close();
    }

    private Answer answerFor(HttpExchange ex) {
        String path = ex.getRequestURI().getPath();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (!path.equals("/healthz") && !("Bearer " + TOKEN).equals(auth)) {
            return json(401, "{\"error\":{\"type\":\"Unauthorized\",\"message\":\"missing or wrong admin token\"}}");
        }
        Answer a = answers.get(ex.getRequestMethod() + " " + path);
        return a != null ? a : json(404, "{\"error\":{\"type\":\"NotFound\",\"message\":\"no such thing: " + path + "\"}}");
    }

    private static Answer json(int status, String body) {
        return new Answer(status, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
