package dev.gust.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.store.QueueMessage;
import dev.gust.store.QueueStore;
import dev.gust.store.Store;
import dev.gust.store.sqlite.SqliteStore;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FIFO queues through the service: what is refused, deduplication, order and the group lock. */
class FifoQueuesTest {
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.atEpochOfTests();
    private Store store;
    private Queues queues;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("gust.db"), clock);
        queues = Queues.create(store.queues(), clock);
        queues.put(QueueSettings.named("orders.fifo"));
        queues.put(QueueSettings.named("hashed.fifo").withFifo(Optional.of(true), Optional.of(true)));
        queues.put(QueueSettings.named("plain"));
    }

    @AfterEach
    void close() {
        queues.close();
        store.close();
    }

    private static SendEntry entry(String body, String group, String dedup) {
        return new SendEntry("0", body, Map.of(), Optional.empty()).inGroup(group, Optional.ofNullable(dedup));
    }

    private List<QueueMessage> receive(String queue, int max) throws InterruptedException {
        return queues.receive(queue, max, Optional.empty(), Duration.ZERO);
    }

    private void assertInvalid(ThrowableAssert.ThrowingCallable call, String... words) {
        assertThatThrownBy(call).isInstanceOfSatisfying(QueueException.class, e -> {
            assertThat(e.kind()).isEqualTo(QueueException.Kind.INVALID);
            assertThat(e.getMessage()).contains(words);
        });
    }

    @Test
    void put_withAFifoAttributeContradictingTheName_isRefused() {
        assertInvalid(() -> queues.put(QueueSettings.named("a").withFifo(Optional.of(true), Optional.empty())),
                "fifo true", "name a");
        assertInvalid(() -> queues.put(QueueSettings.named("a.fifo").withFifo(Optional.of(false), Optional.empty())),
                "fifo false");
        assertInvalid(() -> queues.put(QueueSettings.named("b").withFifo(Optional.empty(), Optional.of(true))),
                "contentBasedDeduplication", "standard");
        assertThat(queues.list()).extracting(q -> q.config().name())
                .containsExactly("hashed.fifo", "orders.fifo", "plain");
    }

    @Test
    void put_withADeadLetterQueueOfTheOtherKind_isRefused() {
        assertInvalid(() -> queues.put(new QueueSettings("c.fifo", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("plain"), Optional.of(3))), "deadLetterQueue plain",
                "must be FIFO");
        assertInvalid(() -> queues.put(new QueueSettings("d", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("orders.fifo"), Optional.of(3))), "deadLetterQueue orders.fifo");
        assertThat(queues.put(new QueueSettings("e.fifo", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("orders.fifo"), Optional.of(3))).config().redrive()).isPresent();
    }

    @Test
    void put_acceptsAFifoNameOfEightyCharacters_andNoLonger() {
        assertThat(queues.put(QueueSettings.named("x".repeat(75) + ".fifo")).config().fifo()).isTrue();
        assertInvalid(() -> queues.put(QueueSettings.named("x".repeat(76) + ".fifo")), "name", "80");
        assertInvalid(() -> queues.put(QueueSettings.named(".fifo")), "name");
    }

    @Test
    void send_toAFifoQueue_refusesWhatSqsRefuses_namingTheField() {
        String q = "orders.fifo";
        assertInvalid(() -> queues.send(q, new SendEntry("0", "x", Map.of(), Optional.empty())), "groupId is required");
        assertInvalid(() -> queues.send(q, entry("x", "g", null)), "deduplicationId is required",
                "contentBasedDeduplication");
        assertInvalid(() -> queues.send(q, entry("x", "with space", "d")), "groupId 'with space'");
        assertInvalid(() -> queues.send(q, entry("x", "g".repeat(129), "d")), "groupId", "1..128");
        assertInvalid(() -> queues.send(q, entry("x", "", "d")), "groupId");
        assertInvalid(() -> queues.send(q, entry("x", "g", "dé")), "deduplicationId 'dé'");
        assertInvalid(() -> queues.send(q, new SendEntry("0", "x", Map.of(), Optional.of(Duration.ofSeconds(5)))
                .inGroup("g", Optional.of("d"))), "delay", "per-message");
        assertThat(queues.get(q).counts().visible()).isZero();
    }

    @Test
    void send_toAStandardQueue_refusesGroupAndDeduplicationIds() {
        assertInvalid(() -> queues.send("plain", entry("x", "g", null)), "groupId", "FIFO queues only");
        assertInvalid(() -> queues.send("plain", new SendEntry("0", "x", Map.of(), Optional.empty(), Optional.empty(),
                Optional.of("d"), Optional.empty(), Optional.empty())), "deduplicationId", "FIFO queues only");
        assertThat(queues.get("plain").counts().visible()).isZero();
    }

    @Test
    void send_withAMalformedTraceOrCorrelation_isRefused() {
        assertInvalid(() -> queues.send("plain", new SendEntry("0", "x", Map.of(), Optional.empty())
                .tracedBy("not-a-trace", "c1")), "traceparent 'not-a-trace'");
        assertInvalid(() -> queues.send("plain", new SendEntry("0", "x", Map.of(), Optional.empty())
                .tracedBy(TRACEPARENT, "bad id!")), "correlationId 'bad id!'");
    }

    @Test
    void sendMessage_toAFifoQueue_answersIncreasingSequenceNumbers_andAStandardQueueNone() {
        long first = queues.sendMessage("orders.fifo", entry("x", "g", "1")).sequenceNumber().orElseThrow();
        long second = queues.sendMessage("orders.fifo", entry("y", "g", "2")).sequenceNumber().orElseThrow();

        assertThat(second).isGreaterThan(first);
        assertThat(queues.sendMessage("plain", new SendEntry("0", "x", Map.of(), Optional.empty())).sequenceNumber())
                .isEmpty();
    }

    @Test
    void contentBasedDeduplication_dropsTheSameBodyWithinFiveMinutes_butNotAnotherBody() throws Exception {
        String first = queues.send("hashed.fifo", entry("same", "g", null));

        String again = queues.send("hashed.fifo", entry("same", "other-group", null));
        queues.send("hashed.fifo", entry("different", "g", null));

        assertThat(again).isEqualTo(first);
        List<QueueMessage> got = receive("hashed.fifo", 10);
        assertThat(got).extracting(QueueMessage::body).containsExactly("same", "different");
        // the SHA-256 of "same", as sha256sum prints it
        assertThat(got.get(0).fifo().orElseThrow().deduplicationId()).isEqualTo("0967115f2813a3541eaef77de9d9d5773f1c0c04314b0bbfe4ff3b3b1c55b5d5");
    }

    @Test
    void deduplication_byIdWinsOverContent_andExpiresAfterFiveMinutes() throws Exception {
        String first = queues.send("hashed.fifo", entry("a", "g", "id-1"));
        assertThat(queues.send("hashed.fifo", entry("b", "g", "id-1"))).isEqualTo(first);

        clock.advance(QueueStore.DEDUPLICATION_INTERVAL);

        assertThat(queues.send("hashed.fifo", entry("c", "g", "id-1"))).isNotEqualTo(first);
        assertThat(receive("hashed.fifo", 10)).extracting(QueueMessage::body).containsExactly("a", "c");
    }

    @Test
    void sendBatch_toAFifoQueue_reportsEachEntry_andDeduplicatesWithinTheBatch() throws Exception {
        var results = queues.sendBatch("orders.fifo", List.of(
                new SendEntry("a", "one", Map.of(), Optional.empty()).inGroup("g", Optional.of("d1")),
                new SendEntry("b", "two", Map.of(), Optional.empty()).inGroup("g", Optional.empty()),
                new SendEntry("c", "three", Map.of(), Optional.empty()).inGroup("g", Optional.of("d1"))));

        assertThat(results.get(0).sequenceNumber()).isPresent();
        assertThat(results.get(1).error().orElseThrow()).hasMessageContaining("deduplicationId");
        assertThat(results.get(2).messageId()).isEqualTo(results.get(0).messageId());
        assertThat(receive("orders.fifo", 10)).extracting(QueueMessage::body).containsExactly("one");
    }

    @Test
    void receive_holdsAGroupWhileOneOfItsMessagesIsInFlight_untilItIsDeleted() throws Exception {
        queues.send("orders.fifo", entry("a1", "a", "1"));
        queues.send("orders.fifo", entry("a2", "a", "2"));
        queues.send("orders.fifo", entry("b1", "b", "3"));
        QueueMessage a1 = receive("orders.fifo", 1).get(0);

        assertThat(receive("orders.fifo", 10)).extracting(QueueMessage::body).containsExactly("b1");
        queues.deleteMessage("orders.fifo", a1.receiptHandle().orElseThrow());

        assertThat(receive("orders.fifo", 10)).extracting(QueueMessage::body).containsExactly("a2");
    }

    @Test
    void queueDelay_isAllowedOnAFifoQueue_andHoldsTheGroupInOrder() throws Exception {
        queues.put(new QueueSettings("slow.fifo", Optional.empty(), Optional.of(Duration.ofSeconds(10)),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        queues.send("slow.fifo", entry("first", "g", "1"));
        queues.send("slow.fifo", entry("second", "g", "2"));

        assertThat(receive("slow.fifo", 10)).isEmpty();
        clock.advance(Duration.ofSeconds(10));

        assertThat(receive("slow.fifo", 10)).extracting(QueueMessage::body).containsExactly("first", "second");
    }
}
