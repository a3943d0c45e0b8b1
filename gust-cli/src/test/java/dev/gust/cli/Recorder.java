package dev.gust.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP server on the loopback that functions report to ({@code POST /<kind>} with one id per
 * line): what they did survives the node being killed, because it is kept here, outside the node.
 * Thread-safe.
 */
final class Recorder implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Set<String>> seen = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> reports = new ConcurrentHashMap<>();

    private Recorder(HttpServer server) {
        this.server = server;
    }

    static Recorder start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        Recorder r = new Recorder(server);
        server.createContext("/", r::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return r;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String kind = exchange.getRequestURI().getPath().substring(1);
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Set<String> ids = seen.computeIfAbsent(kind, k -> ConcurrentHashMap.newKeySet());
            body.lines().forEach(ids::add);
            reports.computeIfAbsent(kind, k -> new AtomicLong()).addAndGet(body.lines().count());
            exchange.sendResponseHeaders(204, -1);
        }
    }

    /** @return what functions report to */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return the distinct ids reported under {@code kind} so far */
    Set<String> seen(String kind) {
        return Set.copyOf(seen.getOrDefault(kind, Set.of()));
    }

    /** @return how many distinct ids were reported under {@code kind} so far */
    int count(String kind) {
        return seen.getOrDefault(kind, Set.of()).size();
    }

    /** @return how many ids were reported under {@code kind}, repeats included */
    long reports(String kind) {
        AtomicLong n = reports.get(kind);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
