package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gust.queue.QueueSettings;
import dev.gust.queue.Queues;
import dev.gust.store.AsyncEvent;
import dev.gust.store.Store;
import dev.gust.store.sqlite.SqliteStore;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliveries to queues and the bus that fail: the dispatcher with a real store, real queues and a
 * real event bus, and a clock the tests step from one retry to the next. (No function runs, so
 * there is no runtime.)
 */
class AsyncDeliveryFailureTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private ScheduledExecutorService scheduler;
    private Store store;
    private Queues queues;
    private AsyncDispatcher dispatcher;

    @BeforeEach
    void start() {
        scheduler = Executors.newScheduledThreadPool(1);
        store = SqliteStore.open(dir.resolve("gust.db"), clock);
        queues = Queues.create(store.queues(), clock);
        dispatcher = new AsyncDispatcher(store.asyncInvocations(), store.functions(), null, queues, clock, scheduler,
                new SplittableRandom(7));
        var secrets = new Secrets(dir.resolve("secrets"));
        var bus = new EventBus(store.events(), dispatcher,
                new WebhookDispatcher(store.events(), secrets, clock, scheduler, new SplittableRandom(7)), secrets, clock);
        dispatcher.publishTo(bus::publish);
        dispatcher.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        dispatcher.close();
        dispatcher.awaitIdle(WAIT);
        queues.close();
        scheduler.shutdownNow();
        store.close();
    }

    private String enqueue(String id, AsyncEvent.Kind kind, String target, String payload) {
        dispatcher.accept(AsyncEvent.accepted(id, target, payload, TRACE, "corr-" + id, clock.instant())
                .toTarget(kind, Optional.empty()));
        return id;
    }

    private AsyncEvent state(String id) {
        return store.asyncInvocations().get(id).orElseThrow();
    }

    /** Attempt {@code n} has ended: the event is over, or its retry is due later than now. */
    private boolean attemptEnded(String id, int n) {
        AsyncEvent e = state(id);
        return e.attempts() == n
                && (e.status() != AsyncEvent.Status.PENDING || e.nextAttemptAt().isAfter(clock.instant()));
    }

    /** Steps the clock to each retry until the event ends. @return the ended event */
    private AsyncEvent awaitEnd(String id) {
        for (int attempt = 1; state(id).status() == AsyncEvent.Status.PENDING; attempt++) {
            int n = attempt;
            await().atMost(WAIT).until(() -> attemptEnded(id, n));
            if (state(id).status() == AsyncEvent.Status.PENDING) {
                clock.set(state(id).nextAttemptAt());
                dispatcher.wake();
            }
        }
        return state(id);
    }

    @Test
    void queueDeletedAfterDeploy_isRetriedWithBackoff_thenFailedWithTheReason() {
        queues.put(QueueSettings.named("orders"));
        queues.delete("orders");
        String id = enqueue("to-gone", AsyncEvent.Kind.QUEUE, "orders", "{\"n\":1}");

        await().atMost(WAIT).until(() -> attemptEnded(id, 1));
        var afterFirst = state(id);
        assertThat(afterFirst.status()).isEqualTo(AsyncEvent.Status.PENDING);
        assertThat(afterFirst.nextAttemptAt()).isAfter(clock.instant())
                .isBeforeOrEqualTo(clock.instant().plus(AsyncDispatcher.ceiling(1)));

        var ended = awaitEnd(id);

        assertThat(ended.status()).isEqualTo(AsyncEvent.Status.FAILED);
        assertThat(ended.attempts()).isEqualTo(3);
        assertThat(ended.lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("QueueNotFound: ")
                .contains("orders"));
        assertThat(Views.asyncInvocation(ended)).containsEntry("targetKind", "queue").containsEntry("target", "orders")
                .containsEntry("function", null).containsEntry("status", "FAILED");
    }

    @Test
    void messageLargerThanTheQueueTakes_failsWithMessageTooLarge() {
        queues.put(new QueueSettings("tiny", Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(8),
                Optional.empty(), Optional.empty()));
        String id = enqueue("too-big", AsyncEvent.Kind.QUEUE, "tiny", "{\"long\":\"more than eight bytes\"}");

        var ended = awaitEnd(id);

        assertThat(ended.status()).isEqualTo(AsyncEvent.Status.FAILED);
        assertThat(ended.lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("MessageTooLarge: "));
        assertThat(queues.get("tiny").counts().visible()).isZero();
    }

    @Test
    void eventTheBusRefuses_isRetried_thenFailedWithEveryProblem() {
        String id = enqueue("bad-event", AsyncEvent.Kind.BUS, "default", "{\"specversion\":\"1.0\",\"id\":\"x\"}");

        var ended = awaitEnd(id);

        assertThat(ended.status()).isEqualTo(AsyncEvent.Status.FAILED);
        assertThat(ended.lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("EventRejected: ")
                .contains("source").contains("type"));
    }

    @Test
    void queueThatExists_getsThePayload_andTheEventSucceedsOnTheFirstAttempt() throws InterruptedException {
        queues.put(QueueSettings.named("orders"));
        String id = enqueue("to-orders", AsyncEvent.Kind.QUEUE, "orders", "{\"n\":2}");

        await().atMost(WAIT).until(() -> state(id).status() == AsyncEvent.Status.SUCCEEDED);

        assertThat(state(id).attempts()).isEqualTo(1);
        assertThat(queues.receive("orders", 10, Optional.empty(), Duration.ZERO)).singleElement()
                .satisfies(m -> assertThat(m.body()).isEqualTo("{\"n\":2}"));
    }
}
