package dev.gust.store.sqlite;

import static dev.gust.store.sqlite.WorkflowFixtures.deploy;
import static dev.gust.store.sqlite.WorkflowFixtures.entered;
import static dev.gust.store.sqlite.WorkflowFixtures.started;
import static dev.gust.store.sqlite.WorkflowFixtures.timer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.store.Execution.Finish;
import dev.gust.store.HistoryEvent;
import dev.gust.store.HistoryEvent.Type;
import dev.gust.store.Store;
import dev.gust.store.WorkflowStore.Append;
import dev.gust.store.WorkflowStore.Checkpoint;
import dev.gust.store.WorkflowStore.Timer;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Durable timers: committed with their checkpoint, leased once at a time, fired again after a node dies. */
class SqliteWorkflowTimersTest {
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Duration HOUR = Duration.ofHours(1);
    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.atEpochOfTests();

    private Store open() {
        return SqliteStore.open(dir.resolve("gust.db"), clock);
    }

    /** A Wait state's checkpoint: entered, wait started, its timer due in an hour. */
    private Append waitAnHour(Store store, String executionId) {
        Instant now = clock.instant();
        return store.workflows().append(executionId, 2, Checkpoint.of(entered("W", now),
                HistoryEvent.Draft.of(Type.WAIT_STARTED, now, "W", "{\"seconds\":3600}"))
                .addTimer(timer(executionId + "/W", executionId, now.plus(HOUR))));
    }

    @Test
    void leaseDue_returnsOnlyDueTimers_earliestFirst() {
        try (Store store = open()) {
            deploy(store, clock.instant());
            started(store, "ex-1", clock.instant());
            Instant now = clock.instant();
            store.workflows().append("ex-1", 2, Checkpoint.of()
                    .addTimer(timer("late", "ex-1", now.plusSeconds(20)))
                    .addTimer(timer("early", "ex-1", now.plusSeconds(10)))
                    .addTimer(timer("future", "ex-1", now.plusSeconds(60))));

            List<Timer> due = store.workflows().leaseDue(now.plusSeconds(30), LEASE, 10);

            assertThat(due).extracting(Timer::id).containsExactly("early", "late");
            assertThat(due.get(0)).isEqualTo(timer("early", "ex-1", now.plusSeconds(10)));
        }
    }

    @Test
    void leaseDue_hidesALeasedTimerUntilItsLeaseRunsOut() {
        try (Store store = open()) {
            deploy(store, clock.instant());
            started(store, "ex-1", clock.instant());
            waitAnHour(store, "ex-1");
            Instant due = clock.instant().plus(HOUR);

            List<Timer> first = store.workflows().leaseDue(due, LEASE, 10);
            List<Timer> whileLeased = store.workflows().leaseDue(due.plus(LEASE).minusNanos(1), LEASE, 10);
            List<Timer> afterLease = store.workflows().leaseDue(due.plus(LEASE), LEASE, 10);

            assertThat(first).extracting(Timer::id).containsExactly("ex-1/W");
            assertThat(whileLeased).isEmpty();
            assertThat(afterLease).extracting(Timer::id).containsExactly("ex-1/W");
        }
    }

    @Test
    void timerFired_removedInTheSameCheckpointAsItsEvents_isNeverLeasedAgain() {
        try (Store store = open()) {
            deploy(store, clock.instant());
            started(store, "ex-1", clock.instant());
            waitAnHour(store, "ex-1");
            clock.advance(HOUR);
            Timer fired = store.workflows().leaseDue(clock.instant(), LEASE, 10).get(0);

            Append after = store.workflows().append("ex-1", 4, Checkpoint.of(HistoryEvent.Draft.of(Type.TIMER_FIRED,
                    clock.instant(), "W", "{}")).removeTimer(fired.id()));

            assertThat(after).isEqualTo(new Append.Appended(5));
            assertThat(store.workflows().leaseDue(clock.instant().plus(HOUR), LEASE, 10)).isEmpty();
        }
    }

    @Test
    void checkpointedEventsAndTimers_surviveAReopen() {
        try (Store store = open()) {
            deploy(store, clock.instant());
            started(store, "ex-1", clock.instant());
            waitAnHour(store, "ex-1");
        }

        try (Store store = open()) {
            assertThat(store.workflows().history("ex-1", 0, 10)).extracting(HistoryEvent::type)
                    .containsExactly(Type.EXECUTION_STARTED, Type.STATE_ENTERED, Type.WAIT_STARTED);
            assertThat(store.workflows().timers("ex-1")).extracting(Timer::id).containsExactly("ex-1/W");
            assertThat(store.workflows().execution("ex-1").orElseThrow().lastSeq()).isEqualTo(3);
        }
    }

    @Test
    void checkpointedEventsAndTimers_surviveANodeThatNeverClosed_andItsLeasedTimerFiresAgainAtOnce() {
        Store killed = open();
        try {
            deploy(killed, clock.instant());
            started(killed, "ex-1", clock.instant());
            waitAnHour(killed, "ex-1");
            clock.advance(HOUR);
            assertThat(killed.workflows().leaseDue(clock.instant(), Duration.ofMinutes(20), 10)).hasSize(1);

            try (Store next = open()) {
                assertThat(next.workflows().history("ex-1", 0, 10)).hasSize(3);
                assertThat(next.workflows().leaseDue(clock.instant(), LEASE, 10)).extracting(Timer::id)
                        .containsExactly("ex-1/W");
            }
        } finally {
            killed.close();
        }
    }

    @Test
    void open_endsEveryTimerLease() {
        try (Store store = open()) {
            deploy(store, clock.instant());
            started(store, "ex-1", clock.instant());
            waitAnHour(store, "ex-1");
            store.workflows().leaseDue(clock.instant().plus(HOUR), Duration.ofDays(1), 10);
        }

        try (Store store = open()) {
            assertThat(store.workflows().leaseDue(clock.instant().plus(HOUR), LEASE, 10)).hasSize(1);
        }
    }

    @Test
    void addingATimerWithAUsedId_replacesIt_andEndsItsLease() {
        try (Store store = open()) {
            deploy(store, clock.instant());
            started(store, "ex-1", clock.instant());
            Instant now = clock.instant();
            store.workflows().append("ex-1", 2, Checkpoint.of().addTimer(timer("retry", "ex-1", now)));
            store.workflows().leaseDue(now, LEASE, 10);

            store.workflows().append("ex-1", 2, Checkpoint.of(entered("A", now))
                    .addTimer(timer("retry", "ex-1", now.plusSeconds(5))));

            assertThat(store.workflows().leaseDue(now.plusSeconds(5), LEASE, 10))
                    .containsExactly(timer("retry", "ex-1", now.plusSeconds(5)));
        }
    }

    @Test
    void delete_removesTheTimer_once() {
        try (Store store = open()) {
            deploy(store, clock.instant());
            started(store, "ex-1", clock.instant());
            waitAnHour(store, "ex-1");

            assertThat(store.workflows().delete("ex-1/W")).isTrue();
            assertThat(store.workflows().delete("ex-1/W")).isFalse();
            assertThat(store.workflows().timers("ex-1")).isEmpty();
        }
    }

    @Test
    void finish_deletesTheExecutionsTimers_soAStoppedWaitNeverFires() {
        try (Store store = open()) {
            deploy(store, clock.instant());
            started(store, "ex-1", clock.instant());
            waitAnHour(store, "ex-1");

            store.workflows().finish("ex-1", Finish.failed(dev.gust.store.Execution.Status.ABORTED, "Stopped", "",
                    clock.instant()));

            assertThat(store.workflows().leaseDue(clock.instant().plus(HOUR), LEASE, 10)).isEmpty();
        }
    }

    @Test
    void timerDueBeyondWhatNanosHold_isKeptAtTheFarthestTime() {
        try (Store store = open()) {
            deploy(store, clock.instant());
            started(store, "ex-1", clock.instant());

            store.workflows().append("ex-1", 2, Checkpoint.of().addTimer(timer("far", "ex-1", Instant.MAX)));

            assertThat(store.workflows().leaseDue(Instant.parse("2262-01-01T00:00:00Z"), LEASE, 10)).isEmpty();
            assertThat(store.workflows().timers("ex-1")).hasSize(1);
        }
    }

    @Test
    void leaseDue_withABadLeaseOrLimit_isRefused() {
        try (Store store = open()) {
            assertThatThrownBy(() -> store.workflows().leaseDue(clock.instant(), Duration.ZERO, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lease: must be positive").hasMessageContaining("limit: must be at least 1");
        }
    }
}
