package dev.gust.store.sqlite;

import static dev.gust.store.sqlite.WorkflowFixtures.deploy;
import static dev.gust.store.sqlite.WorkflowFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.store.HistoryEvent;
import dev.gust.store.HistoryEvent.Type;
import dev.gust.store.Store;
import dev.gust.store.WorkflowStore.Append;
import dev.gust.store.WorkflowStore.Checkpoint;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers racing on one execution: each checkpoint lands whole or not at all, and history has no gaps. */
class SqliteCheckpointRaceTest {
    private static final int WRITERS = 4;
    private static final int CHECKPOINTS_EACH = 25;
    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.atEpochOfTests();

    @Test
    void append_fromRacingWriters_landsEachCheckpointWhole_withContiguousSeqs() throws Exception {
        try (Store store = SqliteStore.open(dir.resolve("gust.db"), clock)) {
            deploy(store, clock.instant());
            started(store, "ex-1", clock.instant());
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            try {
                List<Future<Integer>> conflicts = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    String writer = "w" + w;
                    conflicts.add(pool.submit(() -> appendAll(store, writer, go)));
                }
                go.countDown();
                for (Future<Integer> f : conflicts) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }

            List<HistoryEvent> history = store.workflows().history("ex-1", 0, 10_000);
            long expected = 1 + 2L * WRITERS * CHECKPOINTS_EACH;
            assertThat(history).extracting(HistoryEvent::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, expected).boxed().toList());
            for (int i = 1; i < history.size(); i += 2) {
                assertThat(history.get(i + 1).stateName()).as("the pair at seq %d", i + 1)
                        .isEqualTo(history.get(i).stateName());
            }
        }
    }

    /** Appends entered+exited pairs, reading the head again after each conflict, as an engine would. */
    private Integer appendAll(Store store, String writer, CountDownLatch go) throws InterruptedException {
        go.await();
        int conflicts = 0;
        for (int n = 0; n < CHECKPOINTS_EACH; n++) {
            String state = writer + "-" + n;
            Append result;
            do {
                long next = store.workflows().execution("ex-1").orElseThrow().lastSeq() + 1;
                result = store.workflows().append("ex-1", next, Checkpoint.of(
                        HistoryEvent.Draft.of(Type.STATE_ENTERED, clock.instant(), state, "{}"),
                        HistoryEvent.Draft.of(Type.STATE_EXITED, clock.instant(), state, "{}")));
                conflicts += result instanceof Append.Conflict ? 1 : 0;
            } while (!(result instanceof Append.Appended));
        }
        return conflicts;
    }
}
