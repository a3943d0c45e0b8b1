package dev.gust.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.store.AsyncEvent;
import dev.gust.store.IdempotencyStore.Claim;
import dev.gust.store.IdempotencyStore.StoredResponse;
import dev.gust.store.Store;
import dev.gust.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting finished work: async invocations past their retention, idempotency keys past their window. */
class SqliteRetentionTest {
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration DAY = Duration.ofHours(24);
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

    private void accept(String id) {
        store.asyncInvocations().enqueue(AsyncEvent.accepted(id, "hello", "{}",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "corr-1", clock.instant()));
    }

    private void finish(String id, AsyncEvent.Status status) {
        store.asyncInvocations().lease(clock.instant(), Duration.ofMinutes(20), 100);
        store.asyncInvocations().finish(id, status, Optional.empty(), Optional.of("inv-" + id));
    }

    private static StoredResponse response(String id) {
        return new StoredResponse(id, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
    }

    @Test
    void deleteFinishedBefore_deletesSucceededFailedAndExpiredEventsPastTheCutoff_only() {
        for (var s : AsyncEvent.Status.values()) {
            accept("old-" + s);
        }
        for (var s : new AsyncEvent.Status[] {AsyncEvent.Status.SUCCEEDED, AsyncEvent.Status.FAILED,
                AsyncEvent.Status.EXPIRED}) {
            finish("old-" + s, s);
        }
        clock.advance(WEEK);
        accept("recent");
        finish("recent", AsyncEvent.Status.SUCCEEDED);

        int deleted = store.asyncInvocations().deleteFinishedBefore(clock.instant().minus(WEEK).plusNanos(1));

        assertThat(deleted).isEqualTo(3);
        assertThat(store.asyncInvocations().get("old-SUCCEEDED")).isEmpty();
        assertThat(store.asyncInvocations().get("old-FAILED")).isEmpty();
        assertThat(store.asyncInvocations().get("old-EXPIRED")).isEmpty();
        assertThat(store.asyncInvocations().get("recent")).isPresent();
    }

    @Test
    void deleteFinishedBefore_neverDeletesPendingEvents_howeverOld() {
        accept("waiting");
        accept("retrying");
        store.asyncInvocations().lease(clock.instant(), Duration.ofMinutes(20), 100);
        store.asyncInvocations().retryAt("retrying", clock.instant().plusSeconds(60), "boom", "inv-1");
        clock.advance(Duration.ofDays(30));

        int deleted = store.asyncInvocations().deleteFinishedBefore(clock.instant());

        assertThat(deleted).isZero();
        assertThat(store.asyncInvocations().pending()).isEqualTo(2);
    }

    @Test
    void deleteFinishedBefore_countsFromTheLastAttempt_notFromAcceptance() {
        accept("slow");
        store.asyncInvocations().lease(clock.instant(), Duration.ofMinutes(20), 100);
        store.asyncInvocations().retryAt("slow", clock.instant().plus(Duration.ofHours(5)), "boom", "inv-1");
        clock.advance(Duration.ofHours(5));
        finish("slow", AsyncEvent.Status.FAILED);
        clock.advance(WEEK.minusHours(1));

        int early = store.asyncInvocations().deleteFinishedBefore(clock.instant().minus(WEEK));
        clock.advance(Duration.ofHours(1));
        int due = store.asyncInvocations().deleteFinishedBefore(clock.instant().minus(WEEK).plusNanos(1));

        assertThat(early).isZero();
        assertThat(due).isEqualTo(1);
    }

    @Test
    void deleteFinishedBefore_deletesMoreThanOneBatch() {
        int n = SqliteAsyncInvocations.DELETE_BATCH + 7;
        for (int i = 0; i < n; i++) {
            store.asyncInvocations().enqueue(new AsyncEvent("ev-" + i, "hello", "{}", "tp", "corr", 1,
                    clock.instant(), clock.instant(), AsyncEvent.Status.SUCCEEDED, Optional.empty(),
                    Optional.empty()));
        }
        clock.advance(WEEK);

        assertThat(store.asyncInvocations().deleteFinishedBefore(clock.instant())).isEqualTo(n);
        assertThat(store.asyncInvocations().get("ev-0")).isEmpty();
    }

    @Test
    void deleteExpired_dropsKeysPastTheirWindow_andARepeatThenRunsAgain() {
        var keys = store.idempotency();
        keys.claim("f", "done", "inv-1", clock.instant(), DAY);
        keys.complete("f", "done", response("inv-1"));
        keys.claim("f", "cut-short", "inv-2", clock.instant(), DAY);
        clock.advance(Duration.ofHours(1));
        keys.claim("f", "later", "inv-3", clock.instant(), DAY);
        keys.complete("f", "later", response("inv-3"));
        clock.advance(DAY.minusHours(1));

        int deleted = keys.deleteExpired(clock.instant());

        assertThat(deleted).isEqualTo(2);
        assertThat(keys.claim("f", "later", "inv-4", clock.instant(), DAY)).isInstanceOfSatisfying(Claim.Done.class,
                d -> assertThat(d.response().invocationId()).isEqualTo("inv-3"));
        assertThat(keys.claim("f", "done", "inv-5", clock.instant(), DAY)).isInstanceOf(Claim.Claimed.class);
    }

    @Test
    void deleteExpired_withNothingExpired_keepsEveryKey() {
        store.idempotency().claim("f", "k", "inv-1", clock.instant(), DAY);
        store.idempotency().complete("f", "k", response("inv-1"));
        clock.advance(DAY.minusNanos(1));

        assertThat(store.idempotency().deleteExpired(clock.instant())).isZero();
        assertThat(store.idempotency().claim("f", "k", "inv-2", clock.instant(), DAY))
                .isInstanceOfSatisfying(Claim.Done.class, d -> assertThat(d.response().invocationId()).isEqualTo("inv-1"));
    }
}
