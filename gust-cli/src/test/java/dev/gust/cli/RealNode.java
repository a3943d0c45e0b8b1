package dev.gust.cli;

import dev.gust.server.GustServer;
import dev.gust.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real node on ephemeral ports with a fresh data directory: the CLI talks to its admin API, the
 * tests to its gateway. One per test class; starting one costs a store, a runtime and two listeners.
 */
final class RealNode implements AutoCloseable {
    /** The example apps, built by the reactor before this module's tests (they are test dependencies). */
    static final Path HELLO = Path.of("../examples/hello-java").toAbsolutePath().normalize();
    static final Path GREETER = Path.of("../examples/greeter-java").toAbsolutePath().normalize();

    final Path dataDir;
    final GustServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private RealNode(Path dataDir, GustServer server) {
        this.dataDir = dataDir;
        this.server = server;
    }

    static RealNode start(Path dataDir) {
        return new RealNode(dataDir, GustServer.start(ServerConfig.builder().minimal().httpPort(0).adminPort(0)
                .dataDir(dataDir).drainTimeout(Duration.ofSeconds(20)).build()));
    }

    String adminUrl() {
        return "http://127.0.0.1:" + server.adminPort();
    }

    /** @return what the CLI needs to find this node: {@code GUST_NODE} and {@code GUST_TOKEN} */
    Map<String, String> env() {
        return Map.of("GUST_NODE", adminUrl(), "GUST_TOKEN", server.adminToken());
    }

    /** Runs the CLI against this node, with the real clock. */
    Cli cli(String... args) {
        return Cli.live(env(), args);
    }

    /** Deploys an app with the CLI, failing the test unless the node took it. */
    Cli deploy(Path app) {
        Cli r = cli("deploy", app.toString());
        if (r.exitCode() != Main.OK) {
            throw new AssertionError("deploy of " + app + " failed: " + r.err());
        }
        return r;
    }

    /** Sends a request to a route of the gateway. */
    HttpResponse<String> gateway(String method, String pathAndQuery, String body, String... headers) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the gateway", e);
        }
    }

    @Override
    public void close() {
        http.close();
        server.close();
    }
}
