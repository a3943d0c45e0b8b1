package dev.gust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability promise, end to end: a real node, busy with a queue of 10,000 messages and with
 * async invocations, is killed with SIGKILL and started again on the same data directory. Nothing
 * acknowledged before the kill may be lost.
 */
class KillNineTest {
    static final int MESSAGES = 10_000;
    static final int POISON_EVERY = 100;
    static final int ASYNC = 40; // no more than tally's 2 x 20 slots, so none is throttled
    static final Duration LONG = Duration.ofSeconds(150);
    static final Path FIXTURES = Path.of("target/test-classes/dev/gust/cli/fixtures");

    @TempDir
    Path tmp;
    private Recorder recorder;
    private NodeProcess node;

    @AfterEach
    void stop() throws InterruptedException {
        if (node != null) {
            node.close();
        }
        if (recorder != null) {
            recorder.close();
        }
    }

    static String app(String recorderUrl, boolean trigger) {
        return """
                app: durable
                functions:
                  consume:
                    runtime: java21
                    handler: dev.gust.cli.fixtures.Consume
                    code: code
                    memory: 256
                    timeout: 5s
                    concurrency: {max: 4}
                    environment: {RECORDER_URL: "%1$s"}
                  tally:
                    runtime: java21
                    handler: dev.gust.cli.fixtures.Tally
                    code: code
                    memory: 256
                    timeout: 5s
                    concurrency: {max: 2, per-instance: 20}
                    environment: {RECORDER_URL: "%1$s"}
                queues:
                  work-dlq:
                  work:
                    # longer than a batch takes even on a loaded machine, so only the kill and
                    # poison make a message come back
                    visibility-timeout: 10s
                    dead-letter-queue: work-dlq
                    max-receive-count: 3
                %2$s""".formatted(recorderUrl,
                trigger ? "    trigger: {function: consume, batch-size: 10, max-concurrency: 4}\n" : "");
    }

    static String body(int i) {
        return (i % POISON_EVERY == 0 ? "poison-" : "msg-") + i;
    }

    @Test
    void killMinus9_midQueueAndAsyncWork_losesNothingAcknowledged_andDeadLettersOnlyThePoison() throws Exception {
        recorder = Recorder.start();
        Path data = tmp.resolve("data");
        node = NodeProcess.start(data, tmp.resolve("node-1.log"));
        deploy(false);
        sendAll();
        deploy(true);
        awaitOrExplain("a good share processed and some in flight", Duration.ofSeconds(90),
                () -> recorder.count("processed") >= MESSAGES / 5 && queue("work").get("inFlight").asInt() > 0);
        // accepted just before the kill: the node has leased them, and its instances are starting
        List<String> accepted = acceptAsync();

        List<ProcessHandle> workers = node.descendants();
        node.kill();
        int processedAtKill = recorder.count("processed");
        int asyncAtKill = recorder.count("async");
        awaitOrExplain("the killed node's workers to exit", Duration.ofSeconds(30),
                () -> workers.stream().noneMatch(ProcessHandle::isAlive));
        node = NodeProcess.start(data, tmp.resolve("node-2.log"));
        awaitOrExplain("the queue to drain after the restart", LONG,
                () -> drained() && recorder.count("async") == ASYNC);
        List<JsonNode> dead = receiveAll("work-dlq");

        assertThat(processedAtKill).as("killed mid-work").isLessThan(sent(false).size());
        assertThat(asyncAtKill).as("async invocations cut short by the kill").isLessThan(ASYNC);
        assertThat(workers).as("the first node had workers").isNotEmpty();
        assertThat(recorder.seen("processed")).as("every good message processed at least once")
                .isEqualTo(sent(false));
        assertThat(dead).extracting(m -> m.get("body").asText()).as("exactly the poison dead-lettered, each once")
                .containsExactlyInAnyOrderElementsOf(sent(true));
        assertThat(dead).allSatisfy(m -> {
            assertThat(m.get("lastError").asText()).contains("batchItemFailures");
            assertThat(m.get("sourceQueue").asText()).isEqualTo("work");
        });
        assertThat(recorder.seen("async")).as("every async invocation accepted before the kill ran")
                .isEqualTo(Set.copyOf(accepted));
    }

    /** @return the bodies sent: the poison ones, or the good ones */
    static Set<String> sent(boolean poison) {
        return IntStream.rangeClosed(1, MESSAGES).mapToObj(KillNineTest::body)
                .filter(b -> b.startsWith("poison-") == poison).collect(Collectors.toSet());
    }

    private void deploy(boolean trigger) {
        HttpResponse<String> r = node.deploy(bundle(app(recorder.url(), trigger)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** Sends every message in batches of 10 from a few threads; each batch is one commit. */
    private void sendAll() throws Exception {
        try (ExecutorService senders = Executors.newFixedThreadPool(4)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int first = 1; first <= MESSAGES; first += 10) {
                int from = first;
                sent.add(senders.submit(() -> sendBatch(from)));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
        assertThat(queue("work").get("messages").asInt()).isEqualTo(MESSAGES);
    }

    private void sendBatch(int from) {
        StringBuilder entries = new StringBuilder();
        for (int i = from; i < from + 10; i++) {
            entries.append(entries.isEmpty() ? "" : ",").append("{\"id\":\"e").append(i).append("\",\"body\":\"")
                    .append(body(i)).append("\"}");
        }
        JsonNode r = node.json("POST", "/v1/queues/work/messages", "{\"entries\":[" + entries + "]}");
        assertThat(r.get("failed")).as(r.toString()).isEmpty();
    }

    /** @return the values of {@code n} the node accepted (202) for async runs of {@code tally} */
    private List<String> acceptAsync() {
        List<String> accepted = new ArrayList<>();
        for (int n = 1; n <= ASYNC; n++) {
            HttpResponse<String> r = node.admin("POST", "/v1/functions/tally/invocations", "{\"n\":" + n + "}",
                    "Gust-Invocation-Type", "event");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            accepted.add(String.valueOf(n));
        }
        return accepted;
    }

    private JsonNode queue(String name) {
        return node.json("GET", "/v1/queues/" + name, "");
    }

    private boolean drained() {
        JsonNode work = queue("work");
        return work.get("messages").asInt() == 0 && work.get("inFlight").asInt() == 0
                && work.get("delayed").asInt() == 0;
    }

    /** Receives until the queue is empty, hiding each message for an hour so none comes twice. */
    private List<JsonNode> receiveAll(String queue) {
        List<JsonNode> all = new ArrayList<>();
        List<JsonNode> batch;
        do {
            batch = new ArrayList<>();
            node.json("POST", "/v1/queues/" + queue + "/receive", "{\"maxMessages\":10,\"visibilityTimeout\":\"1h\"}")
                    .get("messages").forEach(batch::add);
            all.addAll(batch);
        } while (!batch.isEmpty());
        return all;
    }

    private void awaitOrExplain(String what, Duration atMost, Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("waited " + atMost.toSeconds() + " s for " + what + "; processed "
                    + recorder.count("processed") + ", async " + recorder.count("async") + "; node log:\n"
                    + node.tail(), e);
        }
    }

    /** @return a zip of {@code yaml} as gust.yaml and the fixture classes under {@code code/} */
    static byte[] bundle(String yaml) {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes); Stream<Path> classes = Files.list(FIXTURES)) {
            put(zip, "gust.yaml", yaml.getBytes(StandardCharsets.UTF_8));
            for (Path c : classes.sorted().toList()) {
                put(zip, "code/dev/gust/cli/fixtures/" + c.getFileName(), Files.readAllBytes(c));
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
}
