package dev.gust.manifest;

import static dev.gust.manifest.TestApps.hello;
import static dev.gust.manifest.TestApps.problems;
import static dev.gust.manifest.TestApps.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueKeysTest {
    @TempDir
    Path dir;

    @BeforeEach
    void app() {
        TestApps.app(dir);
    }

    private static String withQueues(String... lines) {
        return hello() + "queues:\n" + String.join("\n", lines) + "\n";
    }

    private Map<String, QueueManifest> queues(String... lines) {
        return valid(Manifests.parse(withQueues(lines), dir)).queues();
    }

    private List<String> problemsOf(String... lines) {
        return problems(Manifests.parse(withQueues(lines), dir));
    }

    @Test
    void queues_whenAbsent_areNone() {
        assertThat(valid(Manifests.parse(hello(), dir)).queues()).isEmpty();
    }

    @Test
    void queues_readEveryAttribute_andAnEmptyEntryTakesDefaults() {
        var q = queues("  orders-dlq:", "  orders:", "    visibility-timeout: 2m", "    delay: 5s",
                "    retention: 1d", "    max-message-bytes: 1024", "    dead-letter-queue: orders-dlq",
                "    max-receive-count: 5");

        assertThat(q.keySet()).containsExactly("orders-dlq", "orders");
        assertThat(q.get("orders-dlq").visibilityTimeout()).isEmpty();
        assertThat(q.get("orders")).isEqualTo(new QueueManifest("orders", Optional.of(Duration.ofMinutes(2)),
                Optional.of(Duration.ofSeconds(5)), Optional.of(Duration.ofDays(1)), Optional.of(1024),
                Optional.of("orders-dlq"), Optional.of(5), Optional.empty()));
    }

    @Test
    void trigger_readsItsKeys_withDefaults() {
        var q = queues("  jobs:", "    trigger: {function: hello, batching-window: 2s}");

        assertThat(q.get("jobs").trigger()).contains(new QueueManifest.Trigger("hello", 10, Duration.ofSeconds(2), 5));
    }

    @Test
    void trigger_withBadValues_reportsEachWithItsPath() {
        assertThat(problemsOf("  jobs:", "    trigger: {batch-size: 11, batching-window: 21s, max-concurrency: 1}"))
                .containsExactly(
                        "queues.jobs.trigger.function: is required: the function that consumes the queue",
                        "queues.jobs.trigger.batch-size: must be 1..10, was 11",
                        "queues.jobs.trigger.batching-window: must be 0s..20s, was 21s",
                        "queues.jobs.trigger.max-concurrency: must be 2..100, was 1");
    }

    @Test
    void queues_withValuesOutOfRange_reportEachWithItsPath() {
        assertThat(problemsOf("  jobs:", "    visibility-timeout: 13h", "    delay: 16m",
                "    max-message-bytes: 262145"))
                .containsExactly(
                        "queues.jobs.visibility-timeout: must be 0s..12h, was 13h",
                        "queues.jobs.delay: must be 0s..15m, was 16m",
                        "queues.jobs.max-message-bytes: must be 1..262144 bytes, was 262145");
    }

    @Test
    void queues_badNamesAndHalfADeadLetterPolicy_areRefused() {
        assertThat(problemsOf("  jobs.fifo.fifo:", "  jobs:", "    dead-letter-queue: jobs", "  work:",
                "    max-receive-count: 3"))
                .containsExactly(
                        "queues.jobs.fifo.fifo: a queue name must be 1..80 letters, digits, - or _, ending in .fifo"
                                + " for a FIFO queue (at most 80 characters with it), was \"jobs.fifo.fifo\"",
                        "queues.jobs.dead-letter-queue: must name another queue, not jobs itself",
                        "queues.work: dead-letter-queue and max-receive-count go together: set both or neither");
    }

    @Test
    void fifoQueues_areDeclaredByName_withContentBasedDeduplication() {
        var q = queues("  orders-dlq.fifo:", "  orders.fifo:", "    content-based-deduplication: true",
                "    dead-letter-queue: orders-dlq.fifo", "    max-receive-count: 3");

        assertThat(q.get("orders.fifo").fifo()).isTrue();
        assertThat(q.get("orders.fifo").contentBasedDeduplication()).isTrue();
        assertThat(q.get("orders-dlq.fifo").contentBasedDeduplication()).isFalse();
    }

    @Test
    void fifoAttributes_onTheWrongKindOfQueue_areReportedWithTheirPaths() {
        assertThat(problemsOf("  plain:", "    content-based-deduplication: true", "  a.fifo:",
                "    dead-letter-queue: plain", "    max-receive-count: 2", "  b:", "    dead-letter-queue: a.fifo",
                "    max-receive-count: 2", "  c.fifo:", "    content-based-deduplication: maybe"))
                .containsExactly(
                        "queues.plain.content-based-deduplication: only FIFO queues deduplicate; name the queue"
                                + " plain.fifo",
                        "queues.a.fifo.dead-letter-queue: the dead-letter queue of a FIFO queue must be FIFO"
                                + " (a .fifo name), was \"plain\"",
                        "queues.b.dead-letter-queue: the dead-letter queue of a standard queue must be standard"
                                + " (not a .fifo name), was \"a.fifo\"",
                        "queues.c.fifo.content-based-deduplication: must be one of: true, false, was \"maybe\"");
    }
}
