package dev.gust.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.testing.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A gateway on a real Jetty server on an ephemeral port, with a fake invoker and a client. */
final class GatewayFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<Binding> ROUTES = List.of(
            new Binding("GET /hello", "hello", "demo"),
            new Binding("GET /hello/{name}", "greet", "demo"),
            new Binding("POST /items", "create", "shop"),
            new Binding("ANY /files/{proxy+}", "files", "demo"),
            new Binding("PUT /items/{id}/tags/{tag}", "tag", "shop"));

    final ManualClock clock = ManualClock.atEpochOfTests();
    final FakeInvoker invoker = new FakeInvoker();
    final Gateway gateway = Gateway.create(invoker, clock);
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();
    private final Server server = new Server();
    private final int port;

    GatewayFixture() throws Exception {
        var connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(gateway.handler());
        server.start();
        port = connector.getLocalPort();
        gateway.replaceRoutes(RouteTable.build(ROUTES).orThrow());
    }

    int port() {
        return port;
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(30));
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> get(String pathAndQuery) {
        return send(request(pathAndQuery));
    }

    /** @return the event the function received in the last invocation */
    JsonNode lastEvent() {
        return json(invoker.last().payload());
    }

    static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the body of an error response, checked to be the gateway's JSON error */
    static JsonNode error(HttpResponse<byte[]> response) {
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        return json(response.body()).path("error");
    }

    @Override
    public void close() throws Exception {
        server.stop();
        client.close();
    }
}
