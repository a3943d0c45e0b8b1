package dev.gust.server;

import static dev.gust.server.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploys, version switches, restarts and drains of a real node. */
class NodeLifecycleTest {
    static String slowApp(String marker) {
        return """
                app: life
                functions:
                  slow:
                    runtime: java21
                    handler: dev.gust.server.fixtures.Slow
                    code: code
                    concurrency: {max: 4}
                    environment:
                      MARKER: %s
                    routes:
                      - POST /slow
                """.formatted(marker);
    }

    @TempDir
    Path data;

    @Test
    void versionSwitchUnderLoad_failsNoRequest_andLaterRequestsRunTheNewVersion() throws Exception {
        try (TestNode node = TestNode.start(data)) {
            assertThat(node.deploy(slowApp("one")).statusCode()).isEqualTo(200);
            var failures = new ConcurrentLinkedQueue<String>();
            var versions = new ConcurrentLinkedQueue<String>();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService load = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<?>> clients = java.util.stream.IntStream.range(0, 3).<Future<?>>mapToObj(i -> load.submit(() -> {
                while (running.get()) {
                    HttpResponse<String> r = node.invoke("slow", "{\"ms\":5}");
                    if (r.statusCode() != 200) {
                        failures.add(r.statusCode() + " " + r.body());
                    } else {
                        versions.add(json(r).get("version").asText());
                    }
                }
            })).toList();
            await().atMost(Duration.ofSeconds(60)).until(() -> versions.size() >= 10);
            var deployed = json(node.deploy(slowApp("two")));
            assertThat(deployed.at("/functions/0/version").asInt()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(60)).until(() -> versions.stream().filter("2"::equals).count() >= 10);
            running.set(false);
            for (Future<?> c : clients) {
                c.get(60, TimeUnit.SECONDS);
            }
            load.shutdown();
            assertThat(failures).isEmpty();
            assertThat(versions).contains("1", "2");
            var after = json(node.invoke("slow", "{}"));
            assertThat(after.get("version").asText()).isEqualTo("2");
        }
    }

    @Test
    void restart_keepsDeployedFunctionsAndToken() throws Exception {
        String token;
        try (TestNode node = TestNode.start(data)) {
            node.deploy(slowApp("one"));
            token = node.server.adminToken();
        }
        try (TestNode node = TestNode.start(data)) {
            assertThat(node.server.adminToken()).isEqualTo(token);
            assertThat(node.invoke("slow", "{}").statusCode()).isEqualTo(200);
            assertThat(node.gateway("POST", "/slow", "{}".getBytes()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void delete_removesFunctionAndItsRoutes() throws Exception {
        try (TestNode node = TestNode.start(data)) {
            node.deploy(slowApp("one"));
            assertThat(node.admin("DELETE", "/v1/functions/slow").statusCode()).isEqualTo(204);
            assertThat(node.invoke("slow", "{}").statusCode()).isEqualTo(404);
            assertThat(node.gateway("POST", "/slow", "{}".getBytes()).statusCode()).isEqualTo(404);
            assertThat(node.admin("DELETE", "/v1/functions/slow").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void shutdown_letsRunningInvocationsFinish_andRefusesNewOnes() throws Exception {
        TestNode node = TestNode.start(data);
        node.deploy(slowApp("one"));
        node.invoke("slow", "{}");
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        Future<HttpResponse<String>> running = pool.submit(() -> node.invoke("slow", "{\"ms\":3000}"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                json(node.admin("GET", "/v1/functions/slow")).at("/instances/busy").asInt() == 1);
        CountDownLatch closing = new CountDownLatch(1);
        Future<?> closer = pool.submit(() -> {
            closing.countDown();
            node.close();
        });
        closing.await();
        await().atMost(Duration.ofSeconds(30)).until(() -> refused(node));
        assertThat(running.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        closer.get(60, TimeUnit.SECONDS);
        pool.shutdown();
    }

    private static boolean refused(TestNode node) {
        try {
            return node.gateway("POST", "/slow", "{}".getBytes()).statusCode() == 503;
        } catch (RuntimeException connectionRefused) {
            return true;
        }
    }
}
