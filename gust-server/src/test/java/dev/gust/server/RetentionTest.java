package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.store.AsyncEvent;
import dev.gust.store.IdempotencyStore.Claim;
import dev.gust.store.IdempotencyStore.StoredResponse;
import dev.gust.store.Store;
import dev.gust.store.sqlite.SqliteStore;
import dev.gust.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's hourly sweep, run by hand against a real store on a manual clock. */
class RetentionTest {
    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private Store store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("gust.db"), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Retention retention(ServerConfig.Builder b) {
        return new Retention(store, b.clock(clock).dataDir(dir).build());
    }

    private void accept(String id) {
        store.asyncInvocations().enqueue(AsyncEvent.accepted(id, "ship", "{}", "tp", "corr", clock.instant()));
    }

    private void succeed(String id) {
        store.asyncInvocations().lease(clock.instant(), Duration.ofMinutes(20), 100);
        store.asyncInvocations().finish(id, AsyncEvent.Status.SUCCEEDED, Optional.empty(), Optional.of("inv-" + id));
    }

    @Test
    void sweep_byDefault_deletesFinishedAsyncInvocationsAfterSevenDays_andKeepsPendingOnes() {
        accept("done");
        succeed("done");
        accept("stuck");
        Retention sweep = retention(ServerConfig.builder());

        clock.advance(Duration.ofDays(7).minusMinutes(1));
        sweep.run();
        boolean keptAWeekMinusAMinute = store.asyncInvocations().get("done").isPresent();
        clock.advance(Duration.ofMinutes(2));
        sweep.run();

        assertThat(keptAWeekMinusAMinute).isTrue();
        assertThat(store.asyncInvocations().get("done")).isEmpty();
        assertThat(store.asyncInvocations().get("stuck")).isPresent();
    }

    @Test
    void sweep_honoursAShorterAsyncRetention() {
        accept("done");
        succeed("done");
        clock.advance(Duration.ofHours(2));

        retention(ServerConfig.builder().asyncRetention(Duration.ofHours(1))).run();

        assertThat(store.asyncInvocations().get("done")).isEmpty();
    }

    @Test
    void sweep_deletesIdempotencyKeysPastTheirWindow_soTheKeyRunsAgain() {
        Duration day = Duration.ofHours(24);
        store.idempotency().claim("ship", "k", "inv-1", clock.instant(), day);
        store.idempotency().complete("ship", "k", new StoredResponse("inv-1", 200, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8), Map.of()));
        clock.advance(day);

        retention(ServerConfig.builder()).run();

        assertThat(store.idempotency().deleteExpired(clock.instant())).as("left for the next sweep").isZero();
        assertThat(store.idempotency().claim("ship", "k", "inv-2", clock.instant(), day))
                .isInstanceOf(Claim.Claimed.class);
    }

    @Test
    void sweep_onAClosedStore_logsAndReturns_soTheScheduleKeepsRunning() {
        Retention sweep = retention(ServerConfig.builder());
        store.close();

        sweep.run();

        store = SqliteStore.open(dir.resolve("gust.db"), clock);
        assertThat(store.asyncInvocations().pending()).isZero();
    }

    @Test
    void asyncRetention_belowOneMinute_isRefusedNamingTheSetting() {
        assertThatThrownBy(() -> ServerConfig.builder().asyncRetention(Duration.ofSeconds(59)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("asyncRetention").hasMessageContaining("at least 1 minute");
    }
}
