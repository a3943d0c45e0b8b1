package dev.gust.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.store.Execution;
import dev.gust.store.Execution.Finish;
import dev.gust.store.HistoryEvent;
import dev.gust.store.HistoryEvent.Type;
import dev.gust.store.Store;
import dev.gust.store.WorkflowStore;
import dev.gust.store.WorkflowStore.Append;
import dev.gust.store.WorkflowStore.Checkpoint;
import dev.gust.store.WorkflowStore.Timer;
import dev.gust.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever mix of fresh, stale and early appends, timer changes and finishes an execution sees, its
 * history is exactly the events of the appends that were accepted, in order and without gaps, and
 * its timers are exactly those the accepted appends left.
 */
class CheckpointPropertiesTest {
    private static final AtomicLong TRIES = new AtomicLong();
    private static final ManualClock CLOCK = ManualClock.atEpochOfTests();
    private static Path dir;
    private static Store store;

    /**
     * One append: {@code seqOffset} 0 is what the caller should expect, anything else is wrong; its
     * events are state names; it adds timer {@code addTimer} and removes {@code removeTimer} when
     * not negative; {@code finish} ends the execution.
     */
    record Step(int seqOffset, List<String> states, int addTimer, int removeTimer, boolean finish) {
    }

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("gust-checkpoint-props");
        store = SqliteStore.open(dir.resolve("gust.db"), CLOCK);
        WorkflowFixtures.deploy(store, CLOCK.instant());
    }

    @AfterContainer
    static void close() throws IOException {
        store.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<String> state = Arbitraries.strings().withCharRange('a', 'z').withChars('ü', '✓', ' ', '"', '\\')
                .ofMinLength(1).ofMaxLength(12);
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(-2, 2).edgeCases(c -> c.add(0)),
                state.list().ofMaxSize(3),
                Arbitraries.integers().between(-1, 3),
                Arbitraries.integers().between(-1, 3),
                Arbitraries.integers().between(0, 9).map(n -> n == 0))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 60)
    void history_isExactlyTheAcceptedAppends_inOrder(@ForAll("steps") List<Step> steps) {
        WorkflowStore workflows = store.workflows();
        String id = "p" + TRIES.incrementAndGet();
        WorkflowFixtures.started(store, id, CLOCK.instant());
        List<String> expectedStates = new ArrayList<>();
        TreeSet<String> expectedTimers = new TreeSet<>();
        long nextSeq = 2;
        boolean running = true;
        for (Step s : steps) {
            // a seq below 2 is refused as bad input, not a conflict: stay wrong, but above it
            long expected = nextSeq + s.seqOffset() >= 2 ? nextSeq + s.seqOffset() : nextSeq + 3;
            Append result = workflows.append(id, expected, checkpoint(id, s));
            if (!running) {
                assertThat(result).isInstanceOf(Append.NotRunning.class);
            } else if (expected != nextSeq) {
                assertThat(result).isEqualTo(new Append.Conflict(expected, nextSeq));
            } else {
                nextSeq = apply(s, expectedStates, expectedTimers, id, nextSeq);
                assertThat(result).isEqualTo(new Append.Appended(nextSeq));
                running = !s.finish();
            }
        }
        List<HistoryEvent> history = workflows.history(id, 0, 1000);
        assertThat(history).extracting(HistoryEvent::seq).containsExactlyElementsOf(
                LongStream.range(1, nextSeq).boxed().toList());
        assertThat(history.stream().filter(e -> e.type() == Type.STATE_ENTERED).map(e -> e.stateName().orElseThrow()))
                .containsExactlyElementsOf(expectedStates);
        assertThat(workflows.timers(id)).extracting(Timer::id).containsExactlyInAnyOrderElementsOf(expectedTimers);
        assertThat(workflows.execution(id).orElseThrow().status())
                .isEqualTo(running ? Execution.Status.RUNNING : Execution.Status.SUCCEEDED);
    }

    private static long apply(Step s, List<String> states, TreeSet<String> timers, String id, long nextSeq) {
        states.addAll(s.states());
        if (s.removeTimer() >= 0) {
            timers.remove(id + "/t" + s.removeTimer());
        }
        if (s.addTimer() >= 0) {
            timers.add(id + "/t" + s.addTimer());
        }
        if (s.finish()) {
            timers.clear();
        }
        return nextSeq + s.states().size() + (s.finish() ? 1 : 0);
    }

    private static Checkpoint checkpoint(String id, Step s) {
        Checkpoint c = new Checkpoint(s.states().stream().map(state -> HistoryEvent.Draft.of(Type.STATE_ENTERED,
                CLOCK.instant(), state, "{\"state\":\"" + state.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}"))
                .toList(), List.of(), List.of(), List.of(), Optional.empty());
        if (s.removeTimer() >= 0) {
            c = c.removeTimer(id + "/t" + s.removeTimer());
        }
        if (s.addTimer() >= 0) {
            c = c.addTimer(new Timer(id + "/t" + s.addTimer(), id, CLOCK.instant().plus(Duration.ofMinutes(1)),
                    "wait", "{}"));
        }
        return s.finish() ? c.finishing(Finish.succeeded("{}", CLOCK.instant())) : c;
    }
}
