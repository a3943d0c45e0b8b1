package dev.gust.workflow;

import static org.awaitility.Awaitility.await;

import dev.gust.store.Execution;
import dev.gust.store.HistoryEvent;
import dev.gust.store.Store;
import dev.gust.store.WorkflowDefinition;
import dev.gust.store.WorkflowStore;
import dev.gust.store.sqlite.SqliteStore;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A real engine on a SQLite store in a temp dir, a manual clock and {@link FakeTasks}; can crash and restart. */
final class EngineHarness implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    final ManualClock clock = new ManualClock(T0);
    final FakeTasks tasks = new FakeTasks();
    private final Path dir;
    Store store;
    WorkflowEngine engine;
    private ScheduledExecutorService scheduler;

    EngineHarness(Path dir) {
        this.dir = dir;
        open();
    }

    private void open() {
        store = SqliteStore.open(dir.resolve("gust.db"), clock);
        tasks.attach(store.workflows());
        scheduler = Executors.newScheduledThreadPool(2);
        Random random = new Random(7);
        engine = WorkflowEngine.create(store.workflows(), tasks, clock, scheduler,
                Intrinsics.create(random, () -> new UUID(random.nextLong(), random.nextLong())), new Random(11));
        engine.start();
    }

    WorkflowStore workflows() {
        return store.workflows();
    }

    /** The node dies: nothing more is done, the database file stays. */
    void crash() {
        engine.close();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        store.close();
    }

    void restart() {
        crash();
        open();
    }

    void deploy(String name, String json) {
        workflows().putAll("app-" + name, List.of(new WorkflowDefinition(name, "app-" + name, json, clock.instant())));
    }

    String start(String workflow, String input) {
        var start = engine.start(workflow, Optional.of("run-1"), input, TRACEPARENT, "corr-1");
        return ((WorkflowStore.Start.Started) start).execution().id();
    }

    Execution execution(String id) {
        return workflows().execution(id).orElseThrow();
    }

    Execution awaitFinished(String id) {
        await().atMost(Duration.ofSeconds(60)).until(() -> execution(id).status().isFinal());
        return execution(id);
    }

    /** Waits for the end, moving the clock to the next Wait or retry timer whenever no task is in flight. */
    Execution awaitFinishedAdvancing(String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            List<WorkflowStore.Timer> timers = workflows().timers(id);
            boolean taskInFlight = timers.stream().anyMatch(t -> t.kind().equals(Interpreter.TIMEOUT));
            if (!taskInFlight) {
                timers.stream().map(WorkflowStore.Timer::dueAt).min(Comparator.naturalOrder())
                        .filter(due -> due.isAfter(clock.instant())).ifPresent(clock::set);
            }
            return execution(id).status().isFinal();
        });
        return execution(id);
    }

    List<HistoryEvent> history(String id) {
        return workflows().history(id, 0, 100_000);
    }

    List<String> labels(String id) {
        return history(id).stream().map(e -> e.type().label()).toList();
    }

    @Override
    public void close() {
        crash();
    }
}
