package dev.gust.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The node's admin API over {@code java.net.http}, for set-up and checks outside what is timed
 * (timed requests go through {@link HttpProbe}). Thread-safe.
 */
final class Admin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final String token;

    Admin(int port, String token) {
        this.port = port;
        this.token = token;
    }

    int port() {
        return port;
    }

    /** @return the header every admin request carries */
    String authorization() {
        return "Bearer " + token;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization",
                authorization());
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(http.send(request(path).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Deploys an app: its gust.yaml and the files it names, zipped; fails unless the node says 200. */
    void deploy(String yaml, Map<String, byte[]> files) throws IOException, InterruptedException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("gust.yaml"));
            zip.write(yaml.getBytes(StandardCharsets.UTF_8));
            for (var f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
            }
        }
        var res = http.send(request("/v1/deployments").header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IllegalStateException("deploy failed: " + res.statusCode() + " " + res.body());
        }
    }
}
