package dev.gust.store.sqlite;

import static dev.gust.store.sqlite.WorkflowFixtures.PASS;
import static dev.gust.store.sqlite.WorkflowFixtures.WAIT;
import static dev.gust.store.sqlite.WorkflowFixtures.definition;
import static dev.gust.store.sqlite.WorkflowFixtures.deploy;
import static dev.gust.store.sqlite.WorkflowFixtures.entered;
import static dev.gust.store.sqlite.WorkflowFixtures.exited;
import static dev.gust.store.sqlite.WorkflowFixtures.request;
import static dev.gust.store.sqlite.WorkflowFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.gust.store.Execution;
import dev.gust.store.Execution.Finish;
import dev.gust.store.Execution.Status;
import dev.gust.store.HistoryEvent;
import dev.gust.store.HistoryEvent.Type;
import dev.gust.store.Store;
import dev.gust.store.TaskToken;
import dev.gust.store.WorkflowDefinition;
import dev.gust.store.WorkflowStore;
import dev.gust.store.WorkflowStore.Append;
import dev.gust.store.WorkflowStore.Checkpoint;
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

class SqliteWorkflowsTest {
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

    private WorkflowStore workflows() {
        return store.workflows();
    }

    private void reopen() {
        store.close();
        store = SqliteStore.open(dir.resolve("gust.db"), clock);
    }

    // --- deployed workflows

    @Test
    void putAll_thenGetAndList_returnEveryField_byName() {
        var b = definition("b-flow", WAIT, clock.instant());
        var a = definition("a-flow", PASS, clock.instant());

        workflows().putAll("shop", List.of(b, a));

        assertThat(workflows().get("a-flow")).contains(a);
        assertThat(workflows().list()).containsExactly(a, b);
        assertThat(workflows().definition(a.revision())).contains(PASS);
    }

    @Test
    void putAll_replacesTheAppsWorkflows_andLeavesOtherAppsAlone() {
        workflows().putAll("shop", List.of(definition("old", PASS, clock.instant())));
        workflows().putAll("billing", List.of(new WorkflowDefinition("invoice", "billing", PASS, clock.instant())));

        workflows().putAll("shop", List.of(definition("new", PASS, clock.instant())));

        assertThat(workflows().list()).extracting(WorkflowDefinition::name).containsExactly("invoice", "new");
    }

    @Test
    void putAll_keepsTheCreationTimeOfAnUnchangedDefinition_andRenewsAChangedOne() {
        Instant first = clock.instant();
        workflows().putAll("shop", List.of(definition("same", PASS, first), definition("changed", PASS, first)));
        clock.advance(Duration.ofHours(1));

        workflows().putAll("shop", List.of(definition("same", PASS, clock.instant()),
                definition("changed", WAIT, clock.instant())));

        assertThat(workflows().get("same").orElseThrow().createdAt()).isEqualTo(first);
        assertThat(workflows().get("changed").orElseThrow().createdAt()).isEqualTo(clock.instant());
    }

    @Test
    void putAll_withANameOfAnotherApp_isRefusedNamingIt_andChangesNothing() {
        workflows().putAll("billing", List.of(new WorkflowDefinition("orders", "billing", PASS, clock.instant())));
        workflows().putAll("shop", List.of(definition("keep", PASS, clock.instant())));

        assertThatThrownBy(() -> workflows().putAll("shop", List.of(definition("other", PASS, clock.instant()),
                definition("orders", WAIT, clock.instant()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workflows[1].name: orders belongs to app billing");

        assertThat(workflows().list()).extracting(WorkflowDefinition::name, WorkflowDefinition::app)
                .containsExactly(tuple("keep", "shop"),
                        tuple("orders", "billing"));
    }

    @Test
    void putAll_withBadDefinitions_reportsEveryProblemWithItsPath() {
        var notJson = definition("a", "{not json", clock.instant());
        var dup = definition("a", PASS, clock.instant());
        var foreign = new WorkflowDefinition("b", "billing", PASS, clock.instant());

        assertThatThrownBy(() -> workflows().putAll("shop", List.of(notJson, dup, foreign)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workflows[0].definitionJson: must be JSON text")
                .hasMessageContaining("workflows[1].name: a appears more than once")
                .hasMessageContaining("workflows[2].app: must be the deployed app shop, was billing");
        assertThat(workflows().list()).isEmpty();
    }

    @Test
    void redeploy_keepsTheRevisionARunningExecutionStartedWith() {
        deploy(store, clock.instant());
        Execution running = started(store, "ex-1", clock.instant());

        workflows().putAll("shop", List.of(definition("orders", WAIT, clock.instant())));

        assertThat(workflows().definition(running.revision())).contains(PASS);
        assertThat(workflows().get("orders").orElseThrow().revision()).isNotEqualTo(running.revision());
    }

    // --- start

    @Test
    void start_writesTheExecutionAndItsStartEvent_together() {
        deploy(store, clock.instant());

        Start start = workflows().start(request("ex-1", "order-42", "{\"n\":1}", clock.instant()));

        assertThat(start).isInstanceOf(Start.Started.class);
        Execution e = ((Start.Started) start).execution();
        assertThat(workflows().execution("ex-1")).contains(e);
        assertThat(e.status()).isEqualTo(Status.RUNNING);
        assertThat(e.lastSeq()).isEqualTo(1);
        assertThat(e.correlationId()).isEqualTo("corr-ex-1");
        assertThat(workflows().history("ex-1", 0, 10)).singleElement().satisfies(h -> {
            assertThat(h.type()).isEqualTo(Type.EXECUTION_STARTED);
            assertThat(h.seq()).isEqualTo(1);
            assertThat(h.details()).isEqualTo("{\"name\":\"order-42\",\"input\":{\"n\":1}}");
        });
    }

    @Test
    void start_withAUsedNameAndTheSameInput_returnsTheExistingExecution_evenWrittenDifferently() {
        deploy(store, clock.instant());
        Execution first = ((Start.Started) workflows().start(
                request("ex-1", "order-42", "{\"a\":1,\"b\":[2]}", clock.instant()))).execution();

        Start again = workflows().start(request("ex-2", "order-42", "{ \"b\" : [2], \"a\" : 1 }", clock.instant()));

        assertThat(again).isEqualTo(new Start.Existing(first));
        assertThat(workflows().execution("ex-2")).isEmpty();
    }

    @Test
    void start_withAUsedNameAndAnotherInput_isANameConflict_writingNothing() {
        deploy(store, clock.instant());
        Execution first = ((Start.Started) workflows().start(
                request("ex-1", "order-42", "{\"a\":1}", clock.instant()))).execution();

        Start conflict = workflows().start(request("ex-2", "order-42", "{\"a\":2}", clock.instant()));

        assertThat(conflict).isEqualTo(new Start.NameConflict(first));
        assertThat(workflows().execution("ex-2")).isEmpty();
        assertThat(workflows().history("ex-1", 0, 10)).hasSize(1);
    }

    @Test
    void start_isIdempotentAcrossAReopen() {
        deploy(store, clock.instant());
        workflows().start(request("ex-1", "order-42", "{\"a\":1}", clock.instant()));

        reopen();

        assertThat(workflows().start(request("ex-2", "order-42", "{\"a\":1}", clock.instant())))
                .isInstanceOf(Start.Existing.class);
        assertThat(workflows().start(request("ex-3", "order-42", "{\"a\":3}", clock.instant())))
                .isInstanceOf(Start.NameConflict.class);
    }

    @Test
    void start_ofAFinishedExecutionsName_withTheSameInput_stillReturnsIt() {
        deploy(store, clock.instant());
        started(store, "ex-1", clock.instant());
        workflows().finish("ex-1", Finish.succeeded("{}", clock.instant()));

        Start again = workflows().start(request("ex-2", "name-ex-1", "{\"order\":\"ex-1\"}", clock.instant()));

        assertThat(again).isInstanceOfSatisfying(Start.Existing.class,
                s -> assertThat(s.execution().status()).isEqualTo(Status.SUCCEEDED));
    }

    @Test
    void start_ofAnUndeployedWorkflow_isUnknownWorkflow_writingNothing() {
        assertThat(workflows().start(request("ex-1", "n", "{}", clock.instant())))
                .isEqualTo(new Start.UnknownWorkflow("orders"));
        assertThat(workflows().execution("ex-1")).isEmpty();
    }

    @Test
    void start_withBadInput_reportsEveryFieldAndWritesNothing() {
        deploy(store, clock.instant());
        var bad = new WorkflowStore.StartRequest(" ", "orders", "", "{\"a\":", clock.instant(), null, "c",
                Optional.empty());

        assertThatThrownBy(() -> workflows().start(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("request.executionId: must not be blank")
                .hasMessageContaining("request.name: must not be blank")
                .hasMessageContaining("request.input: must be JSON text")
                .hasMessageContaining("request.traceparent: must be present");
        assertThat(workflows().executions(WorkflowStore.Query.all(10))).isEmpty();
    }

    @Test
    void start_withTextAfterTheInput_isRefused() {
        deploy(store, clock.instant());

        assertThatThrownBy(() -> workflows().start(request("ex-1", "n", "{} {}", clock.instant())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request.input");
    }

    // --- append

    @Test
    void append_writesEventsInSeqOrder_andMovesTheExpectedSeq() {
        deploy(store, clock.instant());
        started(store, "ex-1", clock.instant());

        Append first = workflows().append("ex-1", 2, Checkpoint.of(entered("A", clock.instant())));
        Append second = workflows().append("ex-1", 3, Checkpoint.of(exited("A", clock.instant()),
                entered("B", clock.instant())));

        assertThat(first).isEqualTo(new Append.Appended(3));
        assertThat(second).isEqualTo(new Append.Appended(5));
        assertThat(workflows().history("ex-1", 0, 10)).extracting(HistoryEvent::seq, HistoryEvent::type)
                .containsExactly(tuple(1L, Type.EXECUTION_STARTED),
                        tuple(2L, Type.STATE_ENTERED),
                        tuple(3L, Type.STATE_EXITED),
                        tuple(4L, Type.STATE_ENTERED));
        assertThat(workflows().execution("ex-1").orElseThrow().lastSeq()).isEqualTo(4);
    }

    @Test
    void append_afterAnotherWriterAppended_isAConflict_andWritesNothingOfIt() {
        deploy(store, clock.instant());
        started(store, "ex-1", clock.instant());
        workflows().append("ex-1", 2, Checkpoint.of(entered("A", clock.instant())));

        Append stale = workflows().append("ex-1", 2, Checkpoint.of(entered("Other", clock.instant()))
                .addTimer(WorkflowFixtures.timer("t-1", "ex-1", clock.instant()))
                .issueToken(new TaskToken.Issue("tok-1", "Other", 0, Optional.empty()))
                .finishing(Finish.succeeded("{}", clock.instant())));

        assertThat(stale).isEqualTo(new Append.Conflict(2, 3));
        assertThat(workflows().history("ex-1", 0, 10)).extracting(e -> e.stateName().orElse(""))
                .containsExactly("", "A");
        assertThat(workflows().timers("ex-1")).isEmpty();
        assertThat(workflows().token("tok-1")).isEmpty();
        assertThat(workflows().execution("ex-1").orElseThrow().status()).isEqualTo(Status.RUNNING);
    }

    @Test
    void append_thatFailsHalfway_rollsBackEverythingItWrote() {
        deploy(store, clock.instant());
        started(store, "ex-1", clock.instant());
        workflows().issueToken("ex-1", new TaskToken.Issue("tok-1", "A", 0, Optional.empty()));

        assertThatThrownBy(() -> workflows().append("ex-1", 2, Checkpoint.of(entered("A", clock.instant()))
                .addTimer(WorkflowFixtures.timer("t-1", "ex-1", clock.instant()))
                .issueToken(new TaskToken.Issue("tok-1", "A", 1, Optional.empty()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tok-1 was already issued");

        assertThat(workflows().history("ex-1", 0, 10)).hasSize(1);
        assertThat(workflows().timers("ex-1")).isEmpty();
        assertThat(workflows().append("ex-1", 2, Checkpoint.of(entered("A", clock.instant()))))
                .isEqualTo(new Append.Appended(3));
    }

    @Test
    void append_withAFinish_writesTheFinishEventAfterTheEvents_andEndsTheExecution() {
        deploy(store, clock.instant());
        started(store, "ex-1", clock.instant());
        workflows().append("ex-1", 2, Checkpoint.of().addTimer(WorkflowFixtures.timer("t-1", "ex-1", clock.instant())));
        clock.advance(Duration.ofSeconds(3));

        Append done = workflows().append("ex-1", 2, Checkpoint.of(exited("A", clock.instant()))
                .finishing(Finish.succeeded("{\"total\":3}", clock.instant())));

        assertThat(done).isEqualTo(new Append.Appended(4));
        Execution e = workflows().execution("ex-1").orElseThrow();
        assertThat(e.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(e.output()).contains("{\"total\":3}");
        assertThat(e.stoppedAt()).contains(clock.instant());
        assertThat(workflows().history("ex-1", 1, 10)).extracting(HistoryEvent::type, HistoryEvent::details)
                .containsExactly(tuple(Type.STATE_EXITED, "{\"output\":{}}"),
                        tuple(Type.EXECUTION_SUCCEEDED, "{\"output\":{\"total\":3}}"));
        assertThat(workflows().timers("ex-1")).isEmpty();
    }

    @Test
    void append_toAStoppedExecution_isNotRunning_andWritesNothing() {
        deploy(store, clock.instant());
        started(store, "ex-1", clock.instant());
        workflows().finish("ex-1", Finish.failed(Status.ABORTED, "Stopped", "by the operator", clock.instant()));

        Append late = workflows().append("ex-1", 3, Checkpoint.of(entered("A", clock.instant())));

        assertThat(late).isEqualTo(new Append.NotRunning(Status.ABORTED));
        assertThat(workflows().history("ex-1", 0, 10)).extracting(HistoryEvent::type)
                .containsExactly(Type.EXECUTION_STARTED, Type.EXECUTION_ABORTED);
    }

    @Test
    void append_ofEventsTheStoreWritesItself_isRefusedNamingTheEvent() {
        deploy(store, clock.instant());
        started(store, "ex-1", clock.instant());
        var finishEvent = new HistoryEvent.Draft(Type.EXECUTION_SUCCEEDED, clock.instant(), Optional.empty(), "{}");

        assertThatThrownBy(() -> workflows().append("ex-1", 2, Checkpoint.of(entered("A", clock.instant()), finishEvent)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkpoint.events[1].type: must be a type the engine writes")
                .hasMessageContaining("ExecutionSucceeded");
        assertThat(workflows().history("ex-1", 0, 10)).hasSize(1);
    }

    @Test
    void append_withATimerOfAnotherExecution_isRefused() {
        deploy(store, clock.instant());
        started(store, "ex-1", clock.instant());

        assertThatThrownBy(() -> workflows().append("ex-1", 2, Checkpoint.of()
                .addTimer(WorkflowFixtures.timer("t-1", "ex-9", clock.instant()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkpoint.addTimers[0].executionId: must be the appended execution ex-1, was ex-9");
    }

    @Test
    void append_toAnUnknownExecution_isRefusedNamingIt() {
        assertThatThrownBy(() -> workflows().append("nope", 2, Checkpoint.of(entered("A", clock.instant()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("executionId: no execution nope is stored");
    }

    @Test
    void history_pagesBySeq() {
        deploy(store, clock.instant());
        started(store, "ex-1", clock.instant());
        for (long seq = 2; seq <= 6; seq++) {
            workflows().append("ex-1", seq, Checkpoint.of(entered("S" + seq, clock.instant())));
        }

        assertThat(workflows().history("ex-1", 2, 2)).extracting(HistoryEvent::seq).containsExactly(3L, 4L);
        assertThat(workflows().history("ex-1", 6, 10)).isEmpty();
        assertThatThrownBy(() -> workflows().history("ex-1", -1, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("afterSeq");
    }

    // --- finish

    @Test
    void finish_everyDeclaredTransition_isTakenFromRunning_andNoneFromAFinalStatus() {
        deploy(store, clock.instant());
        for (Status from : Status.values()) {
            for (Status to : Execution.Status.TRANSITIONS.get(from)) {
                started(store, from + "-" + to, clock.instant());
                Finish how = to == Status.SUCCEEDED ? Finish.succeeded("{}", clock.instant())
                        : Finish.failed(to, "E", "c", clock.instant());

                assertThat(workflows().finish(from + "-" + to, how)).isTrue();
                assertThat(workflows().execution(from + "-" + to).orElseThrow().status()).isEqualTo(to);
                assertThat(workflows().finish(from + "-" + to, Finish.succeeded("{}", clock.instant()))).isFalse();
                assertThat(workflows().execution(from + "-" + to).orElseThrow().status()).isEqualTo(to);
            }
        }
        assertThat(workflows().executions(WorkflowStore.Query.all(100))).hasSize(4);
    }

    @Test
    void finish_writesTheFinishEventWithTheError() {
        deploy(store, clock.instant());
        started(store, "ex-1", clock.instant());

        workflows().finish("ex-1", Finish.failed(Status.FAILED, "States.TaskFailed", "boom", clock.instant()));

        Execution e = workflows().execution("ex-1").orElseThrow();
        assertThat(e.error()).contains("States.TaskFailed");
        assertThat(e.cause()).contains("boom");
        assertThat(e.lastSeq()).isEqualTo(2);
        assertThat(workflows().history("ex-1", 1, 10)).singleElement().satisfies(h -> {
            assertThat(h.type()).isEqualTo(Type.EXECUTION_FAILED);
            assertThat(h.details()).isEqualTo("{\"error\":\"States.TaskFailed\",\"cause\":\"boom\"}");
        });
    }

    @Test
    void finish_asRunningOrSucceededWithoutOutput_isRefused() {
        deploy(store, clock.instant());
        started(store, "ex-1", clock.instant());

        assertThatThrownBy(() -> workflows().finish("ex-1", new Finish(Status.RUNNING, Optional.empty(),
                Optional.empty(), Optional.empty(), clock.instant())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finish.status: must be SUCCEEDED");
        assertThatThrownBy(() -> workflows().finish("ex-1", new Finish(Status.SUCCEEDED, Optional.empty(),
                Optional.empty(), Optional.empty(), clock.instant())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finish.output: must be present");
        assertThat(workflows().execution("ex-1").orElseThrow().status()).isEqualTo(Status.RUNNING);
    }

    @Test
    void finish_ofAnUnknownExecution_isRefused() {
        assertThatThrownBy(() -> workflows().finish("nope", Finish.succeeded("{}", clock.instant())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no execution nope");
    }
}
