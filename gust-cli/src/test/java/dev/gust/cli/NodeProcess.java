package dev.gust.cli;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * {@code gust up} in a JVM of its own, started from this test run's class path, so a test can
 * kill it with SIGKILL and start another on the same data directory. Its output goes to a log file
 * that failures quote.
 */
final class NodeProcess implements AutoCloseable {
    private static final Pattern ADMIN = Pattern.compile("admin API\\s+http://127\\.0\\.0\\.1:(\\d+)");
    private final Process process;
    private final Path log;
    private final int adminPort;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private NodeProcess(Process process, Path log, int adminPort, String token) {
        this.process = process;
        this.log = log;
        this.adminPort = adminPort;
        this.token = token;
    }

    /** Starts a node on ephemeral ports and waits (up to 60 s) until it says where it listens. */
    static NodeProcess start(Path dataDir, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "up", "--http-port", "0", "--admin-port", "0", "--no-aot-caches", "--data",
                dataDir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int port = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> adminPort(p, log), Optional::isPresent).orElseThrow();
            return new NodeProcess(p, log, port, Files.readString(dataDir.resolve("admin-token")).strip());
        } catch (ConditionTimeoutException e) {
            p.destroyForcibly();
            throw new AssertionError("the node did not start within 60 s:\n" + tail(log), e);
        }
    }

    private static Optional<Integer> adminPort(Process p, Path log) throws IOException {
        if (!p.isAlive()) {
            throw new AssertionError("the node exited with " + p.exitValue() + ":\n" + tail(log));
        }
        Matcher m = ADMIN.matcher(Files.readString(log));
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** @return the last lines the node printed, for failure messages */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    String tail() {
        return tail(log);
    }

    /** @return the node's worker processes (and their sandboxes' processes), as of now */
    List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    /** SIGKILL: no drain, no flush, no shutdown hook. Returns once the JVM is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the node survived SIGKILL for 30 s");
        }
    }

    HttpResponse<String> admin(String method, String path, String json, String... headers) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    HttpResponse<String> deploy(byte[] zip) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/v1/deployments"))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip)));
    }

    JsonNode json(String method, String path, String body) {
        HttpResponse<String> r = admin(method, path, body);
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return AdminClient.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the node", e);
        }
    }

    /** Stops the node as Ctrl-C does (drain), or kills it when it has not stopped within 60 s. */
    @Override
    public void close() throws InterruptedException {
        http.close();
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> workers = descendants();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        workers.forEach(ProcessHandle::destroyForcibly);
    }
}
