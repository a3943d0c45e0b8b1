package dev.gust.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gust.store.QueueMessage;
import dev.gust.store.Store;
import dev.gust.store.sqlite.SqliteStore;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.atEpochOfTests();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private Store store;
    private Queues queues;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("gust.db"), clock);
        queues = Queues.create(store.queues(), clock);
        queues.put(QueueSettings.named("orders"));
    }

    @AfterEach
    void close() {
        queues.close();
        threads.shutdownNow();
        store.close();
    }

    private static SendEntry entry(String id, String body) {
        return new SendEntry(id, body, Map.of(), Optional.empty());
    }

    private List<QueueMessage> receiveNow(String queue) throws InterruptedException {
        return queues.receive(queue, 10, Optional.empty(), Duration.ZERO);
    }

    private CompletableFuture<List<QueueMessage>> longPoll(Duration wait) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return queues.receive("orders", 10, Optional.empty(), wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, threads);
    }

    @Test
    void put_withoutAttributes_takesTheDefaults() {
        QueueInfo info = queues.get("orders");

        assertThat(info.config().visibilityTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(info.config().delay()).isZero();
        assertThat(info.config().retention()).isEqualTo(Duration.ofDays(4));
        assertThat(info.config().maxMessageBytes()).isEqualTo(262_144);
        assertThat(info.config().redrive()).isEmpty();
    }

    @Test
    void put_withOutOfRangeAttributes_namesTheFieldAndCreatesNothing() {
        var tooLong = new QueueSettings("q1", Optional.of(Duration.ofHours(13)), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        var shortRetention = new QueueSettings("q2", Optional.empty(), Optional.empty(),
                Optional.of(Duration.ofSeconds(59)), Optional.empty(), Optional.empty(), Optional.empty());
        var noSuchDlq = new QueueSettings("q3", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("missing"), Optional.of(3));

        assertThatThrownBy(() -> queues.put(tooLong)).hasMessageContaining("visibilityTimeout");
        assertThatThrownBy(() -> queues.put(shortRetention)).hasMessageContaining("retention");
        assertThatThrownBy(() -> queues.put(noSuchDlq)).hasMessageContaining("deadLetterQueue missing");
        assertThatThrownBy(() -> queues.put(QueueSettings.named("bad name!"))).hasMessageContaining("name");
        assertThatThrownBy(() -> queues.put(QueueSettings.named("x".repeat(76) + ".fifo"))).hasMessageContaining("80");
        assertThat(queues.list()).extracting(q -> q.config().name()).containsExactly("orders");
    }

    @Test
    void send_thenReceive_thenDelete_emptiesTheQueue() throws Exception {
        String id = queues.send("orders", new SendEntry("1", "hello", Map.of("kind", "greeting"), Optional.empty()));

        QueueMessage got = receiveNow("orders").get(0);
        queues.deleteMessage("orders", got.receiptHandle().orElseThrow());
        clock.advance(Duration.ofMinutes(1));

        assertThat(got.id()).isEqualTo(id);
        assertThat(got.attributes()).containsEntry("kind", "greeting");
        assertThat(receiveNow("orders")).isEmpty();
    }

    @Test
    void send_largerThanTheQueueAllows_isTooLarge_andSendsNothing() throws Exception {
        String big = "x".repeat(Queues.MAX_MESSAGE_BYTES + 1);

        assertThatThrownBy(() -> queues.send("orders", entry("1", big)))
                .isInstanceOfSatisfying(QueueException.class,
                        e -> assertThat(e.kind()).isEqualTo(QueueException.Kind.TOO_LARGE));
        assertThat(receiveNow("orders")).isEmpty();
    }

    @Test
    void sendBatch_reportsEachEntry_andSendsTheGoodOnes() throws Exception {
        var results = queues.sendBatch("orders", List.of(entry("a", "one"), entry("b", ""), entry("c", "three")));

        assertThat(results).extracting(r -> r.messageId().isPresent()).containsExactly(true, false, true);
        assertThat(results.get(1).error().orElseThrow()).hasMessageContaining("body");
        assertThat(receiveNow("orders")).extracting(QueueMessage::body).containsExactly("one", "three");
    }

    @Test
    void sendBatch_ofMoreThanTen_isRefusedWhole() throws Exception {
        List<SendEntry> eleven = java.util.stream.IntStream.range(0, 11).mapToObj(i -> entry("e" + i, "b")).toList();

        assertThatThrownBy(() -> queues.sendBatch("orders", eleven)).hasMessageContaining("1..10");
        assertThat(receiveNow("orders")).isEmpty();
    }

    @Test
    void send_toAnUnknownQueue_isNotFound() {
        assertThatThrownBy(() -> queues.send("nope", entry("1", "x")))
                .isInstanceOfSatisfying(QueueException.class,
                        e -> assertThat(e.kind()).isEqualTo(QueueException.Kind.NOT_FOUND));
    }

    @Test
    void delay_hidesTheMessageUntilItPasses() throws Exception {
        queues.send("orders", new SendEntry("1", "later", Map.of(), Optional.of(Duration.ofMinutes(1))));

        assertThat(receiveNow("orders")).isEmpty();
        assertThat(queues.get("orders").counts().delayed()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(receiveNow("orders")).extracting(QueueMessage::body).containsExactly("later");
    }

    @Test
    void changeVisibility_toZero_makesTheMessageReceivableAgain() throws Exception {
        queues.send("orders", entry("1", "again"));
        String handle = receiveNow("orders").get(0).receiptHandle().orElseThrow();

        queues.changeVisibility("orders", handle, Duration.ZERO);

        assertThat(receiveNow("orders")).extracting(QueueMessage::receiveCount).containsExactly(2);
    }

    @Test
    void deleteMessage_withAStaleHandle_isNotFound_andKeepsTheMessage() throws Exception {
        queues.send("orders", entry("1", "kept"));
        String old = receiveNow("orders").get(0).receiptHandle().orElseThrow();
        clock.advance(Duration.ofSeconds(30));
        receiveNow("orders");

        assertThatThrownBy(() -> queues.deleteMessage("orders", old)).hasMessageContaining("receiptHandle");
        assertThat(queues.get("orders").counts().inFlight()).isEqualTo(1);
    }

    @Test
    void getInfo_reportsDepthInFlightAndAgeOfOldest() throws Exception {
        queues.send("orders", entry("1", "a"));
        queues.send("orders", entry("2", "b"));
        queues.receive("orders", 1, Optional.empty(), Duration.ZERO);
        clock.advance(Duration.ofSeconds(7));

        QueueInfo info = queues.get("orders");

        assertThat(info.counts().visible()).isEqualTo(1);
        assertThat(info.counts().inFlight()).isEqualTo(1);
        assertThat(info.oldestAge()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void maxReceiveCount_movesTheMessageToTheDeadLetterQueue_andRedriveBringsItBack() throws Exception {
        queues.put(QueueSettings.named("orders-dlq"));
        queues.put(new QueueSettings("orders", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("orders-dlq"), Optional.of(2)));
        queues.send("orders", entry("1", "poison"));
        for (int i = 0; i < 2; i++) {
            String handle = receiveNow("orders").get(0).receiptHandle().orElseThrow();
            queues.release("orders", handle, Duration.ZERO, "handler failed " + i);
        }

        assertThat(receiveNow("orders")).isEmpty();
        QueueMessage dead = receiveNow("orders-dlq").get(0);
        assertThat(dead.lastError()).contains("handler failed 1");
        assertThat(dead.sourceQueue()).contains("orders");
        assertThatThrownBy(() -> queues.delete("orders-dlq")).hasMessageContaining("dead-letter queue of orders");

        clock.advance(Duration.ofSeconds(30));
        assertThat(queues.redrive("orders-dlq")).isEqualTo(1);
        assertThat(receiveNow("orders")).extracting(QueueMessage::body).containsExactly("poison");
    }

    @Test
    void purge_deletesEveryMessage() throws Exception {
        queues.send("orders", entry("1", "a"));
        queues.send("orders", entry("2", "b"));

        assertThat(queues.purge("orders")).isEqualTo(2);
        assertThat(receiveNow("orders")).isEmpty();
    }

    @Test
    void receive_withWaitTime_wakesWhenAMessageIsSent() {
        CompletableFuture<List<QueueMessage>> poll = longPoll(Duration.ofSeconds(20));

        queues.send("orders", entry("1", "wake up"));

        await().atMost(WAIT).until(poll::isDone);
        assertThat(poll.join()).extracting(QueueMessage::body).containsExactly("wake up");
    }

    @Test
    void receive_withWaitTime_returnsEmptyOnceTheClockPassesTheWait() {
        CompletableFuture<List<QueueMessage>> poll = longPoll(Duration.ofSeconds(20));
        await().atMost(WAIT).until(() -> ((QueueService) queues).waiting() == 1);

        clock.advance(Duration.ofSeconds(19));
        assertThat(poll).isNotDone();
        clock.advance(Duration.ofSeconds(1));

        await().atMost(WAIT).until(poll::isDone);
        assertThat(poll.join()).isEmpty();
    }

    @Test
    void receive_withWaitOverTwentySeconds_isRefused() {
        assertThatThrownBy(() -> queues.receive("orders", 1, Optional.empty(), Duration.ofSeconds(21)))
                .hasMessageContaining("waitTime");
        assertThatThrownBy(() -> queues.receive("orders", 11, Optional.empty(), Duration.ZERO))
                .hasMessageContaining("maxMessages");
    }
}
