package dev.gust.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.store.IdempotencyStore;
import dev.gust.store.IdempotencyStore.Claim;
import dev.gust.store.IdempotencyStore.StoredResponse;
import dev.gust.store.Store;
import dev.gust.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteIdempotencyTest {
    private static final Duration DAY = Duration.ofHours(24);
    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.atEpochOfTests();
    private Store store;
    private IdempotencyStore keys;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("gust.db"), clock);
        keys = store.idempotency();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static StoredResponse response(String id) {
        return new StoredResponse(id, 200, "application/json", "{\"ok\":true}".getBytes(StandardCharsets.UTF_8),
                Map.of("Gust-Invocation-Id", id));
    }

    @Test
    void firstClaimWins_andARepeatSeesItRunning() {
        assertThat(keys.claim("f", "k", "inv-1", clock.instant(), DAY)).isInstanceOf(Claim.Claimed.class);

        assertThat(keys.claim("f", "k", "inv-2", clock.instant(), DAY)).isEqualTo(new Claim.Running("inv-1"));
    }

    @Test
    void completedKey_answersWithTheStoredResponse() {
        keys.claim("f", "k", "inv-1", clock.instant(), DAY);
        keys.complete("f", "k", response("inv-1"));

        var repeat = keys.claim("f", "k", "inv-2", clock.instant(), DAY);

        assertThat(repeat).isInstanceOfSatisfying(Claim.Done.class, d -> {
            assertThat(d.response().invocationId()).isEqualTo("inv-1");
            assertThat(d.response().status()).isEqualTo(200);
            assertThat(new String(d.response().body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
            assertThat(d.response().headers()).containsEntry("Gust-Invocation-Id", "inv-1");
        });
    }

    @Test
    void keys_areScopedPerFunction() {
        keys.claim("f", "k", "inv-1", clock.instant(), DAY);

        assertThat(keys.claim("g", "k", "inv-2", clock.instant(), DAY)).isInstanceOf(Claim.Claimed.class);
    }

    @Test
    void afterTheWindow_theKeyCanBeClaimedAgain() {
        keys.claim("f", "k", "inv-1", clock.instant(), DAY);
        keys.complete("f", "k", response("inv-1"));
        clock.advance(DAY);

        assertThat(keys.claim("f", "k", "inv-2", clock.instant(), DAY)).isInstanceOf(Claim.Claimed.class);
        assertThat(keys.claim("f", "k", "inv-3", clock.instant(), DAY)).isEqualTo(new Claim.Running("inv-2"));
    }

    @Test
    void runningClaim_olderThanAnyInvocationCanRun_isTakenOver() {
        keys.claim("f", "k", "inv-1", clock.instant(), DAY);
        clock.advance(IdempotencyStore.ABANDONED_AFTER.minusSeconds(1));
        assertThat(keys.claim("f", "k", "inv-2", clock.instant(), DAY)).isEqualTo(new Claim.Running("inv-1"));

        clock.advance(Duration.ofSeconds(1));

        assertThat(keys.claim("f", "k", "inv-3", clock.instant(), DAY)).isInstanceOf(Claim.Claimed.class);
        assertThat(keys.claim("f", "k", "inv-4", clock.instant(), DAY)).isEqualTo(new Claim.Running("inv-3"));
    }

    @Test
    void release_ofARunningClaim_letsTheNextRequestRun() {
        keys.claim("f", "k", "inv-1", clock.instant(), DAY);

        keys.release("f", "k");

        assertThat(keys.claim("f", "k", "inv-2", clock.instant(), DAY)).isInstanceOf(Claim.Claimed.class);
    }

    @Test
    void oversizedBody_isRefusedNamingTheField() {
        assertThatThrownBy(() -> new StoredResponse("i", 200, "application/json",
                new byte[IdempotencyStore.MAX_BODY_BYTES + 1], Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("body: at most");
    }
}
