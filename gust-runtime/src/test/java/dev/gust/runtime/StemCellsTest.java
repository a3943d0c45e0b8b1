package dev.gust.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.testing.InMemoryStore;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How many stem cells each kind keeps: one while idle, more under a stream of cold starts, never
 * beyond the maximum, the memory share or the free budget; none for kinds no function uses; a kind
 * whose stem cells keep dying is paused. Launches are recorded here, not performed.
 */
class StemCellsTest {
    private static final StemCell.Kind SMALL = new StemCell.Kind(256, false);
    private static final StemCell.Kind BIG = new StemCell.Kind(1024, false);
    private final ManualClock clock = ManualClock.atEpochOfTests();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<StemCell> launched = new ArrayList<>();
    private final List<StemCell> killed = new ArrayList<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private StemCells cells(int max, double share, long budgetMb) {
        var config = RuntimeConfig.builder().dataDir(Path.of("target", "stem-cells-test")).memoryBudgetMb(budgetMb)
                .workerClasspath(List.of()).codeDirectory(sha -> Path.of("code")).store(new InMemoryStore(clock))
                .clock(clock).scheduler(scheduler).stemCellsMax(max).stemCellShare(share).build();
        var node = new Node(config, new ProcessSandbox(Cgroups.none("test"), java.util.Optional.empty()),
                new WorkerCommand(config, ClassDataArchive.at(Path.of("none.jsa"))), null, System::nanoTime);
        return new StemCells(node, new StemCell.Events() {
            @Override
            public void ready(StemCell cell) {
            }

            @Override
            public void lost(StemCell cell, String why) {
            }
        });
    }

    private void refill(StemCells cells, Set<StemCell.Kind> inUse, long freeMb) {
        cells.refill(inUse, freeMb, clock.instant(), launched::add, (c, why) -> killed.add(c));
    }

    @Test
    void anIdleKindInUseKeepsOne_andAKindNobodyUsesKeepsNone() {
        StemCells cells = cells(4, 1.0, 8192);

        refill(cells, Set.of(SMALL), 8192);
        launched.forEach(cells::ready);
        refill(cells, Set.of(SMALL), 8192);

        assertThat(launched).singleElement().satisfies(c -> assertThat(c.kind).isEqualTo(SMALL));
        assertThat(cells.stats()).singleElement().satisfies(s -> {
            assertThat(s.ready()).isEqualTo(1);
            assertThat(s.target()).isEqualTo(1);
        });

        refill(cells, Set.of(BIG), 8192);

        assertThat(killed).as("the small kind is no longer used").hasSize(1);
        assertThat(launched).hasSize(2).last().satisfies(c -> assertThat(c.kind).isEqualTo(BIG));
    }

    @Test
    void aStreamOfColdStartsRaisesTheTarget_upToTheMaximum_andItFallsBackWhenTheyStop() {
        StemCells cells = cells(3, 1.0, 8192);
        refill(cells, Set.of(SMALL), 8192);
        launched.forEach(cells::ready);

        for (int i = 0; i < 30; i++) {
            cells.take(SMALL, clock.instant(), true);
            clock.advance(Duration.ofMillis(300));
        }
        refill(cells, Set.of(SMALL), 8192);

        assertThat(cells.stats().getFirst().target()).as("3 cold starts a second, 1 s to boot: capped at 3").isEqualTo(3);

        clock.advance(Duration.ofMinutes(2));
        refill(cells, Set.of(SMALL), 8192);

        assertThat(cells.stats().getFirst().target()).isEqualTo(1);
    }

    @Test
    void stemCellsStayWithinTheirShareAndTheFreeBudget() {
        StemCells shared = cells(4, 0.25, 2048);
        refill(shared, Set.of(SMALL, BIG), 2048);
        assertThat(launched).as("512 MB share: one 256 MB cell, no 1024 MB one").extracting(c -> c.kind)
                .containsExactly(SMALL);

        launched.clear();
        StemCells full = cells(4, 1.0, 2048);
        refill(full, Set.of(SMALL), 100);
        assertThat(launched).as("only 100 MB free").isEmpty();
    }

    @Test
    void threeStartFailuresInARowPauseTheKindForAMinute() {
        StemCells cells = cells(1, 1.0, 8192);
        for (int i = 0; i < StemCells.FAILURES_BEFORE_PAUSE; i++) {
            refill(cells, Set.of(SMALL), 8192);
            cells.lost(launched.getLast(), "exited with status 1", clock.instant());
        }
        int before = launched.size();

        refill(cells, Set.of(SMALL), 8192);
        assertThat(launched).as("paused").hasSize(before);
        assertThat(cells.stats().getFirst().lost()).isEqualTo(3);

        clock.advance(StemCells.PAUSE);
        refill(cells, Set.of(SMALL), 8192);
        assertThat(launched).hasSize(before + 1);
    }

    @Test
    void reclaimTakesReadyCellsFirst() {
        StemCells cells = cells(2, 1.0, 8192);
        cells.take(SMALL, clock.instant(), true);
        refill(cells, Set.of(SMALL), 8192);
        cells.ready(launched.getFirst());

        List<StemCell> victims = cells.reclaim(256);

        assertThat(victims).containsExactly(launched.getFirst());
        assertThat(cells.usedMb()).isEqualTo(256);
    }
}
