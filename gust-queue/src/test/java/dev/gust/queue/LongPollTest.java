package dev.gust.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gust.store.QueueConfig;
import dev.gust.store.QueueMessage;
import dev.gust.store.QueueStore;
import dev.gust.store.Store;
import dev.gust.store.sqlite.SqliteStore;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A waiting receive sleeps until something can change its answer, instead of re-reading the store. */
class LongPollTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.atEpochOfTests();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private Store store;
    private CountingStore counting;
    private QueueService queues;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("gust.db"), clock);
        counting = new CountingStore(store.queues());
        queues = (QueueService) Queues.create(counting, clock);
        queues.put(QueueSettings.named("orders"));
        queues.put(QueueSettings.named("other"));
    }

    @AfterEach
    void close() {
        queues.close();
        threads.shutdownNow();
        store.close();
    }

    private CompletableFuture<List<QueueMessage>> longPoll() {
        CompletableFuture<List<QueueMessage>> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return queues.receive("orders", 10, Optional.empty(), Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, threads);
        await().atMost(WAIT).until(() -> queues.waiting() == 1);
        return poll;
    }

    private static SendEntry entry(String body) {
        return new SendEntry("0", body, Map.of(), Optional.empty());
    }

    @Test
    void receive_whileIdle_readsTheStoreAtMostOnceASecond() {
        longPoll();
        int before = counting.receives("orders");

        // the old loop re-read every 50 ms: more than ten reads in 800 ms
        await().during(Duration.ofMillis(800)).atMost(WAIT).until(() -> counting.receives("orders") - before <= 1);
    }

    @Test
    void receive_whileWaiting_isNotWokenBySendsToAnotherQueue() {
        longPoll();
        int before = counting.receives("orders");

        for (int i = 0; i < 20; i++) {
            queues.send("other", entry("not for you " + i));
        }

        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> counting.receives("orders") - before <= 1);
    }

    @Test
    void receive_whileWaiting_wakesWhenAnInFlightMessageIsMadeVisible() throws Exception {
        queues.send("orders", entry("again"));
        String handle = queues.receive("orders", 1, Optional.empty(), Duration.ZERO).get(0).receiptHandle()
                .orElseThrow();
        CompletableFuture<List<QueueMessage>> poll = longPoll();

        queues.changeVisibility("orders", handle, Duration.ZERO);

        await().atMost(WAIT).until(poll::isDone);
        assertThat(poll.join()).extracting(QueueMessage::body).containsExactly("again");
    }

    @Test
    void receive_whileWaiting_getsADelayedMessageOnceItIsDue() {
        queues.send("orders", new SendEntry("0", "later", Map.of(), Optional.of(Duration.ofSeconds(5))));
        CompletableFuture<List<QueueMessage>> poll = longPoll();

        clock.advance(Duration.ofSeconds(5));

        await().atMost(WAIT).until(poll::isDone);
        assertThat(poll.join()).extracting(QueueMessage::body).containsExactly("later");
    }

    @Test
    void receive_whileWaitingOnAFifoGroup_wakesWhenTheInFlightMessageIsDeleted() throws Exception {
        queues.put(QueueSettings.named("jobs.fifo"));
        queues.send("jobs.fifo", entry("first").inGroup("g", Optional.of("1")));
        queues.send("jobs.fifo", entry("second").inGroup("g", Optional.of("2")));
        String handle = queues.receive("jobs.fifo", 1, Optional.empty(), Duration.ZERO).get(0).receiptHandle()
                .orElseThrow();
        CompletableFuture<List<QueueMessage>> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return queues.receive("jobs.fifo", 10, Optional.empty(), Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, threads);
        await().atMost(WAIT).until(() -> queues.waiting() == 1);

        queues.deleteMessage("jobs.fifo", handle);

        await().atMost(WAIT).until(poll::isDone);
        assertThat(poll.join()).extracting(QueueMessage::body).containsExactly("second");
    }

    @Test
    void pause_isUntilTheNextHiddenMessageIsDue_orTheDeadline_butNeverOverTheRepoll() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Instant deadline = now.plusSeconds(20);

        assertThat(QueueService.pause(now, deadline, Optional.empty())).isEqualTo(Queues.REPOLL);
        assertThat(QueueService.pause(now, deadline, Optional.of(now.plusMillis(300)))).isEqualTo(Duration.ofMillis(300));
        assertThat(QueueService.pause(now, now.plusMillis(200), Optional.of(now.plusMillis(300))))
                .isEqualTo(Duration.ofMillis(200));
        assertThat(QueueService.pause(now, deadline, Optional.of(now.plusNanos(5)))).isEqualTo(QueueService.MIN_PAUSE);
    }

    /** The SQLite queue store, counting receives per queue. */
    private static final class CountingStore implements QueueStore {
        private final QueueStore store;
        private final Map<String, AtomicInteger> receives = new ConcurrentHashMap<>();

        CountingStore(QueueStore store) {
            this.store = store;
        }

        int receives(String queue) {
            return receives.computeIfAbsent(queue, q -> new AtomicInteger()).get();
        }

        @Override
        public List<QueueMessage> receive(String queue, Instant now, Duration visibility, int max) {
            receives.computeIfAbsent(queue, q -> new AtomicInteger()).incrementAndGet();
            return store.receive(queue, now, visibility, max);
        }

        @Override
        public void put(QueueConfig queue) {
            store.put(queue);
        }

        @Override
        public Optional<QueueConfig> get(String name) {
            return store.get(name);
        }

        @Override
        public List<QueueConfig> list() {
            return store.list();
        }

        @Override
        public boolean delete(String name) {
            return store.delete(name);
        }

        @Override
        public int purge(String name) {
            return store.purge(name);
        }

        @Override
        public List<QueueMessage.Sent> send(String queue, List<QueueMessage.Outgoing> messages) {
            return store.send(queue, messages);
        }

        @Override
        public boolean deleteMessage(String queue, String receiptHandle) {
            return store.deleteMessage(queue, receiptHandle);
        }

        @Override
        public boolean changeVisibility(String queue, String receiptHandle, Instant visibleAt,
                Optional<String> lastError) {
            return store.changeVisibility(queue, receiptHandle, visibleAt, lastError);
        }

        @Override
        public int redrive(String deadLetterQueue, Instant now) {
            return store.redrive(deadLetterQueue, now);
        }

        @Override
        public Optional<Instant> nextVisibleAt(String queue, Instant now) {
            return store.nextVisibleAt(queue, now);
        }

        @Override
        public QueueMessage.Counts counts(String queue, Instant now) {
            return store.counts(queue, now);
        }
    }
}
