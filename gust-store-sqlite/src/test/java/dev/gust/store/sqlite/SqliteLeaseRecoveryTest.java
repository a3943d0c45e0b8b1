package dev.gust.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.store.AsyncEvent;
import dev.gust.store.IdempotencyStore;
import dev.gust.store.Store;
import dev.gust.store.WebhookDelivery;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node killed mid-attempt: the next owner of the file runs its leased async events and webhook posts at once. */
class SqliteLeaseRecoveryTest {
    private static final Duration LEASE = Duration.ofMinutes(20);
    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.atEpochOfTests();

    private void accept(Store store, String id) {
        store.asyncInvocations().enqueue(AsyncEvent.accepted(id, "hello", "{}", "tp", "corr", clock.instant()));
    }

    @Test
    void open_afterANodeDiedMidAttempt_makesItsLeasedEventsDueAtOnce_countingTheLostAttempt() {
        try (Store first = SqliteStore.open(dir.resolve("gust.db"), clock)) {
            accept(first, "ev-1");
            first.asyncInvocations().lease(clock.instant(), LEASE, 10);
        }

        try (Store second = SqliteStore.open(dir.resolve("gust.db"), clock)) {
            List<AsyncEvent> leased = second.asyncInvocations().lease(clock.instant(), LEASE, 10);

            assertThat(leased).singleElement().satisfies(e -> assertThat(e.attempts()).isEqualTo(2));
        }
    }

    @Test
    void open_afterANodeDiedMidPost_makesItsLeasedWebhookDeliveriesDueAtOnce() {
        try (Store first = SqliteStore.open(dir.resolve("gust.db"), clock)) {
            first.events().accept(List.of(), List.of(), List.of(WebhookDelivery.accepted("wh-1", "rule", "ev-1",
                    "https://hooks.example/x", "secret", "application/json", "{}", clock.instant())));
            assertThat(first.events().leaseWebhooks(clock.instant(), Duration.ofMinutes(5), 10)).hasSize(1);
        }

        try (Store second = SqliteStore.open(dir.resolve("gust.db"), clock)) {
            assertThat(second.events().leaseWebhooks(clock.instant(), Duration.ofMinutes(5), 10))
                    .singleElement().satisfies(d -> assertThat(d.attempts()).isEqualTo(2));
        }
    }

    @Test
    void open_afterANodeDiedMidRequest_letsItsIdempotencyKeyRunAgain_andKeepsFinishedOnes() {
        var done = new IdempotencyStore.StoredResponse("inv-2", 200, "application/json", new byte[] {49}, java.util.Map.of());
        try (Store first = SqliteStore.open(dir.resolve("gust.db"), clock)) {
            first.idempotency().claim("hello", "running", "inv-1", clock.instant(), Duration.ofHours(24));
            first.idempotency().claim("hello", "finished", "inv-2", clock.instant(), Duration.ofHours(24));
            first.idempotency().complete("hello", "finished", done);
        }

        try (Store second = SqliteStore.open(dir.resolve("gust.db"), clock)) {
            assertThat(second.idempotency().claim("hello", "running", "inv-3", clock.instant(), Duration.ofHours(24)))
                    .isInstanceOf(IdempotencyStore.Claim.Claimed.class);
            assertThat(second.idempotency().claim("hello", "finished", "inv-4", clock.instant(), Duration.ofHours(24)))
                    .isInstanceOf(IdempotencyStore.Claim.Done.class);
        }
    }

    @Test
    void open_leavesFinishedAndRetryingEventsAsTheyWere() {
        try (Store first = SqliteStore.open(dir.resolve("gust.db"), clock)) {
            accept(first, "done");
            accept(first, "retrying");
            first.asyncInvocations().lease(clock.instant(), LEASE, 10);
            first.asyncInvocations().finish("done", AsyncEvent.Status.SUCCEEDED, Optional.empty(), Optional.empty());
            first.asyncInvocations().retryAt("retrying", clock.instant().plusSeconds(60), "boom", "inv-1");
        }

        try (Store second = SqliteStore.open(dir.resolve("gust.db"), clock)) {
            assertThat(second.asyncInvocations().lease(clock.instant(), LEASE, 10)).isEmpty();
            assertThat(second.asyncInvocations().get("done")).get().extracting(AsyncEvent::status)
                    .isEqualTo(AsyncEvent.Status.SUCCEEDED);
            assertThat(second.asyncInvocations().lease(clock.instant().plusSeconds(60), LEASE, 10))
                    .extracting(AsyncEvent::id).containsExactly("retrying");
        }
    }
}
