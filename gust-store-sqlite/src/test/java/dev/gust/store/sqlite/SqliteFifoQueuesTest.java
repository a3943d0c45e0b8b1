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

/** FIFO queues in SQLite: group order and locks, deduplication, sequence numbers, trace columns. */
class SqliteFifoQueuesTest {
    private static final Duration VISIBILITY = Duration.ofSeconds(30);
    private static final String Q = "jobs.fifo";
    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.atEpochOfTests();
    private Store store;
    private QueueStore queues;

    @BeforeEach
    void open() {
        reopen();
        queues.put(new QueueConfig(Q, VISIBILITY, Duration.ZERO, Duration.ofDays(4), 262_144, Optional.empty(),
                clock.instant(), Optional.empty(), true));
    }

    private void reopen() {
        if (store != null) {
            store.close();
        }
        store = SqliteStore.open(dir.resolve("gust.db"), clock);
        queues = store.queues();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static QueueMessage.Outgoing fifo(String id, String group, String dedup, java.time.Instant at) {
        return new QueueMessage.Outgoing(id, "body-" + id, Map.of(), at, at, Optional.of(group), Optional.of(dedup),
                Optional.empty(), Optional.empty());
    }

    private QueueMessage.Sent send(String id, String group) {
        return send(id, group, id);
    }

    private QueueMessage.Sent send(String id, String group, String dedup) {
        return queues.send(Q, List.of(fifo(id, group, dedup, clock.instant()))).get(0);
    }

    private List<String> receive(int max) {
        return queues.receive(Q, clock.instant(), VISIBILITY, max).stream().map(QueueMessage::id).toList();
    }

    private String handleOf(String id) {
        return queues.receive(Q, clock.instant(), VISIBILITY, 10).stream().filter(m -> m.id().equals(id))
                .findFirst().orElseThrow().receiptHandle().orElseThrow();
    }

    @Test
    void put_keepsContentBasedDeduplication() {
        assertThat(queues.get(Q).orElseThrow().contentBasedDeduplication()).isTrue();
        assertThat(queues.get(Q).orElseThrow().fifo()).isTrue();
    }

    @Test
    void receive_givesAGroupInSendOrder_evenWhenItsMessagesInterleaveWithOthers() {
        send("a1", "a");
        send("b1", "b");
        send("a2", "a");
        send("b2", "b");

        assertThat(receive(10)).containsExactly("a1", "b1", "a2", "b2");
    }

    @Test
    void receive_whileAGroupHasAMessageInFlight_givesNothingMoreOfThatGroup_butOtherGroupsProceed() {
        send("a1", "a");
        send("a2", "a");
        send("b1", "b");
        assertThat(receive(1)).containsExactly("a1");

        assertThat(receive(10)).containsExactly("b1");
        assertThat(receive(10)).isEmpty();
    }

    @Test
    void deletingTheInFlightMessage_unlocksItsGroup() {
        send("a1", "a");
        send("a2", "a");
        String handle = queues.receive(Q, clock.instant(), VISIBILITY, 1).get(0).receiptHandle().orElseThrow();

        assertThat(queues.deleteMessage(Q, handle)).isTrue();

        assertThat(receive(10)).containsExactly("a2");
    }

    @Test
    void anInFlightMessageBecomingVisibleAgain_isReceivedBeforeTheLaterOnesOfItsGroup() {
        send("a1", "a");
        send("a2", "a");
        assertThat(receive(1)).containsExactly("a1");
        assertThat(receive(10)).isEmpty();

        clock.advance(VISIBILITY);

        assertThat(receive(10)).containsExactly("a1", "a2");
    }

    @Test
    void releasingAnEarlierMessage_whileALaterOneOfItsGroupIsInFlight_keepsTheGroupLocked() {
        send("a1", "a");
        send("a2", "a");
        List<QueueMessage> both = queues.receive(Q, clock.instant(), VISIBILITY, 2);

        queues.changeVisibility(Q, both.get(0).receiptHandle().orElseThrow(), clock.instant(), Optional.empty());

        assertThat(receive(10)).isEmpty();
        queues.deleteMessage(Q, both.get(1).receiptHandle().orElseThrow());
        assertThat(receive(10)).containsExactly("a1");
    }

    @Test
    void anEarlierMessageStillDelayed_holdsBackTheLaterOnesOfItsGroup() {
        var now = clock.instant();
        queues.send(Q, List.of(new QueueMessage.Outgoing("a1", "x", Map.of(), now, now.plusSeconds(10),
                Optional.of("a"), Optional.of("a1"), Optional.empty(), Optional.empty())));
        send("a2", "a");
        send("b1", "b");

        assertThat(receive(10)).containsExactly("b1");
        assertThat(queues.nextVisibleAt(Q, clock.instant())).contains(now.plusSeconds(10));
    }

    @Test
    void send_withADeduplicationIdSeenWithinFiveMinutes_storesNothing_andAnswersTheFirstMessage() {
        QueueMessage.Sent first = send("m1", "a", "order-42");
        clock.advance(Duration.ofMinutes(4));

        QueueMessage.Sent again = send("m2", "a", "order-42");

        assertThat(again).isEqualTo(new QueueMessage.Sent("m1", first.sequenceNumber(), true));
        assertThat(receive(10)).containsExactly("m1");
    }

    @Test
    void send_withTheSameDeduplicationIdTwiceInOneBatch_storesTheFirstOnly() {
        var now = clock.instant();

        List<QueueMessage.Sent> sent = queues.send(Q, List.of(fifo("m1", "a", "d", now), fifo("m2", "b", "d", now)));

        assertThat(sent).extracting(QueueMessage.Sent::messageId).containsExactly("m1", "m1");
        assertThat(sent).extracting(QueueMessage.Sent::duplicate).containsExactly(false, true);
        assertThat(receive(10)).containsExactly("m1");
    }

    @Test
    void deduplication_expiresFiveMinutesAfterTheFirstSend() {
        send("m1", "a", "order-42");
        clock.advance(QueueStore.DEDUPLICATION_INTERVAL);

        QueueMessage.Sent later = send("m2", "a", "order-42");

        assertThat(later.duplicate()).isFalse();
        assertThat(receive(10)).containsExactly("m1", "m2");
    }

    @Test
    void deduplication_outlivesTheMessage_andARestart() {
        send("m1", "a", "order-42");
        queues.deleteMessage(Q, handleOf("m1"));
        reopen();

        QueueMessage.Sent again = send("m2", "a", "order-42");

        assertThat(again.messageId()).isEqualTo("m1");
        assertThat(receive(10)).isEmpty();
    }

    @Test
    void sequenceNumbers_keepIncreasingAcrossARestart_evenWhenEveryMessageWasDeleted() {
        send("m1", "a");
        long second = send("m2", "a").sequenceNumber();
        queues.purge(Q);
        reopen();

        long third = send("m3", "a").sequenceNumber();

        assertThat(third).isGreaterThan(second);
    }

    @Test
    void receive_returnsGroupDeduplicationIdAndSequenceNumber_andTheSendersTrace() {
        var now = clock.instant();
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        long seq = queues.send(Q, List.of(new QueueMessage.Outgoing("m1", "x", Map.of(), now, now, Optional.of("g"),
                Optional.of("d1"), Optional.of(traceparent), Optional.of("corr-1")))).get(0).sequenceNumber();

        QueueMessage got = queues.receive(Q, now, VISIBILITY, 1).get(0);

        assertThat(got.fifo()).contains(new QueueMessage.Fifo("g", "d1", seq));
        assertThat(got.traceparent()).contains(traceparent);
        assertThat(got.correlationId()).contains("corr-1");
    }

    @Test
    void nextVisibleAt_isTheEarliestHiddenMessage_andEmptyWhenNoneIsHidden() {
        assertThat(queues.nextVisibleAt(Q, clock.instant())).isEmpty();
        send("a1", "a");
        assertThat(queues.nextVisibleAt(Q, clock.instant())).isEmpty();

        receive(1);

        assertThat(queues.nextVisibleAt(Q, clock.instant())).contains(clock.instant().plus(VISIBILITY));
    }
}
