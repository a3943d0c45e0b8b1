package dev.gust.store.sqlite;

import static dev.gust.store.sqlite.WorkflowFixtures.PASS;
import static dev.gust.store.sqlite.WorkflowFixtures.WAIT;
import static dev.gust.store.sqlite.WorkflowFixtures.definition;
import static dev.gust.store.sqlite.WorkflowFixtures.entered;
import static dev.gust.store.sqlite.WorkflowFixtures.started;
import static dev.gust.store.sqlite.WorkflowFixtures.timer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.store.Execution;
import dev.gust.store.Execution.Finish;
import dev.gust.store.Execution.Status;
import dev.gust.store.Store;
import dev.gust.store.TaskToken;
import dev.gust.store.WorkflowStore;
import dev.gust.store.WorkflowStore.Checkpoint;
import dev.gust.store.WorkflowStore.Query;
import dev.gust.store.WorkflowStore.Start;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing executions with filters, newest first, and deleting finished ones past their retention. */
class SqliteExecutionListTest {
    private static final Duration DAY = Duration.ofDays(1);
    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.atEpochOfTests();
    private Store store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("gust.db"), clock);
        store.workflows().putAll("shop", List.of(definition("orders", PASS, clock.instant()),
                definition("refunds", WAIT, clock.instant())));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private WorkflowStore workflows() {
        return store.workflows();
    }

    private void start(String id, String workflow) {
        workflows().start(new WorkflowStore.StartRequest(id, workflow, id, "{}", clock.instant(), "tp", "c",
                Optional.empty()));
        clock.advance(Duration.ofMinutes(1));
    }

    private static Query query(Optional<String> workflow, Optional<Status> status, Optional<Instant> after,
            Optional<Instant> before, int limit) {
        return new Query(workflow, status, after, before, limit);
    }

    private List<String> ids(Query q) {
        return workflows().executions(q).stream().map(Execution::id).toList();
    }

    @Test
    void executions_areNewestFirst_withTiesOrderedById() {
        start("a", "orders");
        start("b", "orders");
        Instant same = clock.instant();
        for (String id : List.of("d", "c")) {
            workflows().start(new WorkflowStore.StartRequest(id, "orders", id, "{}", same, "tp", "c", Optional.empty()));
        }

        assertThat(ids(Query.all(10))).containsExactly("d", "c", "b", "a");
        assertThat(ids(Query.all(2))).containsExactly("d", "c");
    }

    @Test
    void executions_filterByWorkflowStatusAndStartWindow_together() {
        Instant t0 = clock.instant();
        start("o1", "orders");
        start("r1", "refunds");
        start("o2", "orders");
        start("o3", "orders");
        workflows().finish("o2", Finish.succeeded("{}", clock.instant()));

        assertThat(ids(query(Optional.of("orders"), Optional.empty(), Optional.empty(), Optional.empty(), 10)))
                .containsExactly("o3", "o2", "o1");
        assertThat(ids(query(Optional.empty(), Optional.of(Status.RUNNING), Optional.empty(), Optional.empty(), 10)))
                .containsExactly("o3", "r1", "o1");
        assertThat(ids(query(Optional.of("orders"), Optional.of(Status.RUNNING), Optional.of(t0),
                Optional.of(t0.plus(Duration.ofMinutes(3))), 10))).isEmpty();
        assertThat(ids(query(Optional.empty(), Optional.empty(), Optional.of(t0),
                Optional.of(t0.plus(Duration.ofMinutes(3))), 10))).containsExactly("o2", "r1");
    }

    @Test
    void executions_pageWithStartedBefore() {
        for (int i = 1; i <= 5; i++) {
            start("e" + i, "orders");
        }
        List<Execution> first = workflows().executions(Query.all(2));

        Instant lastSeen = first.get(1).startedAt();
        List<String> next = ids(query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(lastSeen), 2));

        assertThat(first).extracting(Execution::id).containsExactly("e5", "e4");
        assertThat(next).containsExactly("e3", "e2");
    }

    @Test
    void running_pagesThroughEveryRunningExecution_evenThoseStartedAtOneInstant() {
        Instant same = clock.instant();
        for (String id : List.of("c", "a", "d", "b", "e")) {
            workflows().start(new WorkflowStore.StartRequest(id, "orders", id, "{}", same, "tp", "c", Optional.empty()));
        }
        workflows().finish("d", Finish.succeeded("{}", clock.instant()));

        List<String> first = workflows().running(Optional.empty(), 2);
        List<String> second = workflows().running(Optional.of(first.get(1)), 2);
        List<String> last = workflows().running(Optional.of(second.get(1)), 2);

        assertThat(first).containsExactly("a", "b");
        assertThat(second).containsExactly("c", "e");
        assertThat(last).isEmpty();
    }

    @Test
    void executions_withALimitOutOf1To1000_isRefused() {
        assertThatThrownBy(() -> workflows().executions(Query.all(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("query.limit: must be 1..1000, was 0");
        assertThatThrownBy(() -> workflows().executions(Query.all(1001)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 1001");
    }

    @Test
    void deleteFinishedBefore_deletesFinishedExecutionsWithTheirHistoryTimersAndTokens_only() {
        Execution old = started(store, "old", clock.instant());
        workflows().append("old", 2, Checkpoint.of(entered("A", clock.instant()))
                .issueToken(new TaskToken.Issue("tok-old", "A", 0, Optional.empty())));
        workflows().finish("old", Finish.succeeded("{}", clock.instant()));
        started(store, "running", clock.instant());
        workflows().append("running", 2, Checkpoint.of().addTimer(timer("t-run", "running", clock.instant())));
        clock.advance(DAY);
        started(store, "recent", clock.instant());
        workflows().finish("recent", Finish.succeeded("{}", clock.instant()));

        int deleted = workflows().deleteFinishedBefore(clock.instant());

        assertThat(deleted).isEqualTo(1);
        assertThat(workflows().execution(old.id())).isEmpty();
        assertThat(workflows().history(old.id(), 0, 10)).isEmpty();
        assertThat(workflows().token("tok-old")).isEmpty();
        assertThat(ids(Query.all(10))).containsExactlyInAnyOrder("running", "recent");
        assertThat(workflows().timers("running")).hasSize(1);
    }

    @Test
    void deleteFinishedBefore_freesTheNames_andDropsRevisionsNothingUses() {
        Execution old = started(store, "old", clock.instant());
        workflows().finish("old", Finish.succeeded("{}", clock.instant()));
        store.workflows().putAll("shop", List.of(definition("orders", WAIT, clock.instant())));
        clock.advance(DAY);

        workflows().deleteFinishedBefore(clock.instant());

        assertThat(workflows().definition(old.revision())).isEmpty();
        assertThat(workflows().start(new WorkflowStore.StartRequest("again", "orders", "name-old", "{\"x\":1}",
                clock.instant(), "tp", "c", Optional.empty()))).isInstanceOf(Start.Started.class);
    }

    @Test
    void deleteFinishedBefore_withoutACutoff_isRefused_andDeletesNothing() {
        started(store, "done", clock.instant());
        workflows().finish("done", Finish.succeeded("{}", clock.instant()));

        assertThatThrownBy(() -> workflows().deleteFinishedBefore(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cutoff: must be present, was null");
        assertThat(workflows().execution("done")).isPresent();
    }

    @Test
    void deleteFinishedBefore_manyExecutions_deletesThemAllInBatches() {
        int count = SqliteWorkflows.DELETE_BATCH * 2 + 7;
        for (int i = 0; i < count; i++) {
            started(store, "e" + i, clock.instant());
            workflows().finish("e" + i, Finish.succeeded("{}", clock.instant()));
        }
        clock.advance(DAY);

        assertThat(workflows().deleteFinishedBefore(clock.instant())).isEqualTo(count);
        assertThat(workflows().executions(Query.all(10))).isEmpty();
    }
}
