package dev.gust.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.store.QueueConfig;
import dev.gust.store.QueueMessage;
import dev.gust.store.QueueStore;
import dev.gust.store.Store;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteQueuesTest {
    private static final Duration VISIBILITY = Duration.ofSeconds(30);
    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.atEpochOfTests();
    private Store store;
    private QueueStore queues;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("gust.db"), clock);
        queues = store.queues();
        queues.put(queue("dlq", Optional.empty()));
        queues.put(queue("orders", Optional.of(new QueueConfig.Redrive("dlq", 2))));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private QueueConfig queue(String name, Optional<QueueConfig.Redrive> redrive) {
        return new QueueConfig(name, VISIBILITY, Duration.ZERO, Duration.ofDays(4), 262_144, redrive, clock.instant());
    }

    private void send(String id, Duration delay) {
        queues.send("orders", List.of(new QueueMessage.Outgoing(id, "body-" + id, Map.of("k", "v"), clock.instant(),
                clock.instant().plus(delay))));
    }

    private List<QueueMessage> receive(String queue) {
        return queues.receive(queue, clock.instant(), VISIBILITY, 10);
    }

    @Test
    void put_thenGet_returnsEveryAttribute_andPutAgainUpdatesIt() {
        QueueConfig changed = new QueueConfig("orders", Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofHours(1), 1024, Optional.empty(), clock.instant().plusSeconds(99));

        queues.put(changed);

        assertThat(queues.get("orders")).contains(new QueueConfig("orders", Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofHours(1), 1024, Optional.empty(), clock.instant()));
        assertThat(queues.list()).extracting(QueueConfig::name).containsExactly("dlq", "orders");
    }

    @Test
    void receive_returnsOldestFirst_andHidesThemForTheVisibilityTimeout() {
        send("m1", Duration.ZERO);
        send("m2", Duration.ZERO);

        List<QueueMessage> first = receive("orders");
        List<QueueMessage> hidden = receive("orders");
        clock.advance(VISIBILITY);
        List<QueueMessage> again = receive("orders");

        assertThat(first).extracting(QueueMessage::id).containsExactly("m1", "m2");
        assertThat(first.get(0).attributes()).containsEntry("k", "v");
        assertThat(hidden).isEmpty();
        assertThat(again).extracting(QueueMessage::receiveCount).containsExactly(2, 2);
    }

    @Test
    void deleteMessage_acceptsOnlyTheLatestReceiptHandle() {
        send("m1", Duration.ZERO);
        String old = receive("orders").get(0).receiptHandle().orElseThrow();
        clock.advance(VISIBILITY);
        String latest = receive("orders").get(0).receiptHandle().orElseThrow();

        assertThat(queues.deleteMessage("orders", old)).isFalse();
        assertThat(queues.deleteMessage("orders", latest)).isTrue();
        assertThat(queues.counts("orders", clock.instant())).isEqualTo(new QueueMessage.Counts(0, 0, 0, Optional.empty()));
    }

    @Test
    void counts_telVisibleInFlightDelayedAndOldest() {
        send("m1", Duration.ZERO);
        clock.advance(Duration.ofSeconds(1));
        send("m2", Duration.ZERO);
        send("m3", Duration.ofMinutes(1));
        queues.receive("orders", clock.instant(), VISIBILITY, 1);

        assertThat(queues.counts("orders", clock.instant())).isEqualTo(new QueueMessage.Counts(1, 1, 1,
                Optional.of(clock.instant().minusSeconds(1))));
    }

    @Test
    void receive_pastMaxReceiveCount_movesTheMessageToTheDeadLetterQueueWithItsError() {
        send("m1", Duration.ZERO);
        for (int i = 0; i < 2; i++) {
            String handle = receive("orders").get(0).receiptHandle().orElseThrow();
            queues.changeVisibility("orders", handle, clock.instant(), Optional.of("boom " + i));
        }

        assertThat(receive("orders")).isEmpty();
        List<QueueMessage> dead = receive("dlq");

        assertThat(dead).singleElement().satisfies(m -> {
            assertThat(m.sourceQueue()).contains("orders");
            assertThat(m.lastError()).contains("boom 1");
            assertThat(m.body()).isEqualTo("body-m1");
        });
    }

    @Test
    void redrive_movesDeadLettersBackToTheirSource_withAFreshReceiveCount() {
        send("m1", Duration.ZERO);
        for (int i = 0; i < 2; i++) {
            receive("orders");
            clock.advance(VISIBILITY);
        }
        receive("orders");

        int moved = queues.redrive("dlq", clock.instant());

        assertThat(moved).isEqualTo(1);
        assertThat(receive("orders")).singleElement().satisfies(m -> assertThat(m.receiveCount()).isEqualTo(1));
    }

    @Test
    void receive_dropsMessagesPastRetention() {
        queues.put(new QueueConfig("short", VISIBILITY, Duration.ZERO, Duration.ofMinutes(1), 1024, Optional.empty(),
                clock.instant()));
        queues.send("short", List.of(new QueueMessage.Outgoing("s1", "x", Map.of(), clock.instant(), clock.instant())));
        clock.advance(Duration.ofMinutes(1));

        assertThat(queues.receive("short", clock.instant(), VISIBILITY, 10)).isEmpty();
        assertThat(queues.counts("short", clock.instant()).oldestSentAt()).isEmpty();
    }

    @Test
    void purgeAndDelete_removeMessagesAndQueues() {
        send("m1", Duration.ZERO);
        send("m2", Duration.ZERO);

        assertThat(queues.purge("orders")).isEqualTo(2);
        send("m3", Duration.ZERO);
        assertThat(queues.delete("orders")).isTrue();
        assertThat(queues.delete("orders")).isFalse();
        assertThat(queues.get("orders")).isEmpty();
        assertThat(receive("orders")).isEmpty();
    }
}
