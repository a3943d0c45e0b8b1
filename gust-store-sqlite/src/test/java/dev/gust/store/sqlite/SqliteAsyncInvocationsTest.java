package dev.gust.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.store.AsyncEvent;
import dev.gust.store.Store;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteAsyncInvocationsTest {
    private static final Duration LEASE = Duration.ofMinutes(20);
    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.atEpochOfTests();
    private Store store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("gust.db"), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private AsyncEvent event(String id) {
        return AsyncEvent.accepted(id, "hello", "{\"n\":1}", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "corr-1", clock.instant());
    }

    @Test
    void enqueue_thenGet_returnsEveryField() {
        AsyncEvent e = event("ev-1");

        store.asyncInvocations().enqueue(e);

        assertThat(store.asyncInvocations().get("ev-1")).contains(e);
        assertThat(store.asyncInvocations().pending()).isEqualTo(1);
    }

    @Test
    void lease_countsAnAttempt_andHidesTheEventUntilTheLeaseRunsOut() {
        store.asyncInvocations().enqueue(event("ev-1"));

        var first = store.asyncInvocations().lease(clock.instant(), LEASE, 10);
        var whileLeased = store.asyncInvocations().lease(clock.instant().plus(LEASE).minusNanos(1), LEASE, 10);
        var afterCrash = store.asyncInvocations().lease(clock.instant().plus(LEASE), LEASE, 10);

        assertThat(first).singleElement().satisfies(e -> assertThat(e.attempts()).isEqualTo(1));
        assertThat(whileLeased).isEmpty();
        assertThat(afterCrash).singleElement().satisfies(e -> assertThat(e.attempts()).isEqualTo(2));
    }

    @Test
    void retryAt_makesTheEventDueAtThatTime_andNotBefore() {
        store.asyncInvocations().enqueue(event("ev-1"));
        store.asyncInvocations().lease(clock.instant(), LEASE, 10);
        Instant next = clock.instant().plusSeconds(40);

        store.asyncInvocations().retryAt("ev-1", next, "Unhandled: boom", "inv-1");

        assertThat(store.asyncInvocations().lease(next.minusNanos(1), LEASE, 10)).isEmpty();
        assertThat(store.asyncInvocations().lease(next, LEASE, 10)).singleElement().satisfies(e -> {
            assertThat(e.attempts()).isEqualTo(2);
            assertThat(e.lastError()).contains("Unhandled: boom");
            assertThat(e.lastInvocationId()).contains("inv-1");
        });
    }

    @Test
    void finish_endsTheEvent_soItIsNeverLeasedAgain() {
        store.asyncInvocations().enqueue(event("ev-1"));
        store.asyncInvocations().lease(clock.instant(), LEASE, 10);

        store.asyncInvocations().finish("ev-1", AsyncEvent.Status.FAILED, Optional.of("Timeout: 3s"), Optional.of("inv-3"));

        assertThat(store.asyncInvocations().lease(clock.instant().plus(Duration.ofDays(1)), LEASE, 10)).isEmpty();
        assertThat(store.asyncInvocations().get("ev-1").orElseThrow()).satisfies(e -> {
            assertThat(e.status()).isEqualTo(AsyncEvent.Status.FAILED);
            assertThat(e.lastError()).contains("Timeout: 3s");
        });
        assertThat(store.asyncInvocations().pending()).isZero();
    }

    @Test
    void lease_takesAtMostTheLimit_oldestDueFirst() {
        store.asyncInvocations().enqueue(event("ev-1"));
        clock.advance(Duration.ofSeconds(1));
        store.asyncInvocations().enqueue(event("ev-2"));

        var one = store.asyncInvocations().lease(clock.instant(), LEASE, 1);

        assertThat(one).extracting(AsyncEvent::id).containsExactly("ev-1");
    }

    @Test
    void pendingEvents_surviveReopeningTheStore() {
        store.asyncInvocations().enqueue(event("ev-1"));
        store.close();

        store = SqliteStore.open(dir.resolve("gust.db"), clock);

        assertThat(store.asyncInvocations().lease(clock.instant(), LEASE, 10)).extracting(AsyncEvent::id)
                .containsExactly("ev-1");
    }

    @Test
    void queueAndBusTargets_keepTheirKindAndGroup_throughLeaseAndReopen() {
        AsyncEvent toQueue = event("ev-q").toTarget(AsyncEvent.Kind.QUEUE, Optional.of("nightly"));
        AsyncEvent toBus = event("ev-b").toTarget(AsyncEvent.Kind.BUS, Optional.empty()).withTrigger("schedule");
        store.asyncInvocations().enqueue(toQueue);
        store.asyncInvocations().enqueue(toBus);
        store.close();

        store = SqliteStore.open(dir.resolve("gust.db"), clock);

        assertThat(store.asyncInvocations().get("ev-q")).contains(toQueue);
        assertThat(store.asyncInvocations().get("ev-b")).contains(toBus);
        assertThat(store.asyncInvocations().lease(clock.instant(), LEASE, 10))
                .extracting(AsyncEvent::id, AsyncEvent::kind, AsyncEvent::group)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("ev-q", AsyncEvent.Kind.QUEUE, Optional.of("nightly")),
                        org.assertj.core.groups.Tuple.tuple("ev-b", AsyncEvent.Kind.BUS, Optional.empty()));
    }

    @Test
    void workflowTargets_keepTheirKind_throughLeaseAndReopen() {
        AsyncEvent toWorkflow = event("ev-w").toTarget(AsyncEvent.Kind.WORKFLOW, Optional.empty()).withTrigger("schedule");
        store.asyncInvocations().enqueue(toWorkflow);
        store.close();

        store = SqliteStore.open(dir.resolve("gust.db"), clock);

        assertThat(store.asyncInvocations().get("ev-w")).contains(toWorkflow);
        assertThat(store.asyncInvocations().lease(clock.instant(), LEASE, 10)).singleElement()
                .extracting(AsyncEvent::kind).isEqualTo(AsyncEvent.Kind.WORKFLOW);
    }

    @Test
    void eventsMadeWithoutAKind_areFunctionTargets() {
        store.asyncInvocations().enqueue(event("ev-1"));

        assertThat(store.asyncInvocations().get("ev-1").orElseThrow().kind()).isEqualTo(AsyncEvent.Kind.FUNCTION);
    }
}
