package dev.gust.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.runtime.RuntimeConfig.SandboxMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A real node on ephemeral ports with a fresh data directory, and clients for both its doors.
 * Deploys bundles whose code is the compiled fixtures of this module.
 */
final class TestNode implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIXTURES = Path.of("target/test-classes/dev/gust/server/fixtures");
    final Path dataDir;
    final GustServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TestNode(Path dataDir, GustServer server) {
        this.dataDir = dataDir;
        this.server = server;
    }

    static TestNode start(Path dataDir) throws Exception {
        return start(dataDir, b -> b);
    }

    /** @param clock the node's time: tests step it to make retries due or events expire */
    static TestNode start(Path dataDir, InstantSource clock) throws Exception {
        return start(dataDir, b -> b.clock(clock));
    }

    static TestNode start(Path dataDir, UnaryOperator<ServerConfig.Builder> options) throws Exception {
        var builder = ServerConfig.builder().minimal().httpPort(0).adminPort(0).dataDir(dataDir).sandbox(SandboxMode.AUTO)
                .drainTimeout(Duration.ofSeconds(20));
        return new TestNode(dataDir, GustServer.start(options.apply(builder).build()));
    }

    /** @return a zip of {@code yaml} as gust.yaml plus every fixture class under {@code code/} */
    static byte[] bundle(String yaml) {
        return bundle(yaml, java.util.Map.of());
    }

    /** @return a bundle as {@link #bundle(String)} with more files at the root, e.g. workflow definitions */
    static byte[] bundle(String yaml, java.util.Map<String, String> files) {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes); Stream<Path> classes = Files.list(FIXTURES)) {
            put(zip, "gust.yaml", yaml.getBytes(StandardCharsets.UTF_8));
            for (var f : new java.util.TreeMap<>(files).entrySet()) {
                put(zip, f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8));
            }
            for (Path c : classes.sorted(Comparator.naturalOrder()).toList()) {
                put(zip, "code/dev/gust/server/fixtures/" + c.getFileName(), Files.readAllBytes(c));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    HttpResponse<String> deploy(String yaml) {
        return admin("POST", "/v1/deployments", bundle(yaml), "application/zip");
    }

    HttpResponse<String> deploy(String yaml, java.util.Map<String, String> files) {
        return admin("POST", "/v1/deployments", bundle(yaml, files), "application/zip");
    }

    /** An admin POST of a JSON body. */
    HttpResponse<String> post(String path, String json) {
        return admin("POST", path, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    HttpResponse<String> admin(String method, String path) {
        return admin(method, path, new byte[0], "application/json");
    }

    HttpResponse<String> admin(String method, String path, byte[] body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + path))
                .header("Authorization", "Bearer " + server.adminToken())
                .header("Content-Type", contentType)
                .expectContinue(body.length > 65_536)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** An admin request with extra headers, e.g. {@code ce-*} attributes of a binary-mode event. */
    HttpResponse<String> admin(String method, String path, byte[] body, String contentType, String... headers) {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + path))
                .header("Authorization", "Bearer " + server.adminToken())
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    HttpResponse<String> invoke(String function, String json) {
        return admin("POST", "/v1/functions/" + function + "/invocations", json.getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    /** Invokes with extra headers, e.g. {@code Gust-Invocation-Type: event} or an {@code Idempotency-Key}. */
    HttpResponse<String> invoke(String function, String json, String... headers) {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + "/v1/functions/"
                        + function + "/invocations"))
                .header("Authorization", "Bearer " + server.adminToken())
                .header("Content-Type", "application/json")
                .expectContinue(json.length() > 65_536)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    /** @return the invocation records of {@code function}, newest first */
    JsonNode records(String function) {
        return json(admin("GET", "/v1/invocations?limit=1000&function=" + function)).get("invocations");
    }

    HttpResponse<String> gateway(String method, String path, byte[] body, String... headers) {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .expectContinue(body.length > 65_536)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    @Override
    public void close() {
        server.close();
    }
}
