package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gust.queue.Queues;
import dev.gust.store.AsyncEvent;
import dev.gust.store.Execution;
import dev.gust.store.Store;
import dev.gust.store.WorkflowDefinition;
import dev.gust.store.WorkflowStore;
import dev.gust.store.sqlite.SqliteStore;
import dev.gust.testing.ManualClock;
import dev.gust.workflow.Intrinsics;
import dev.gust.workflow.TaskRunner;
import dev.gust.workflow.WorkflowEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Async deliveries of kind workflow: the dispatcher with a real store and a real workflow engine
 * (whose workflows have no Task states), and a clock the tests step from one attempt to the next.
 */
class AsyncWorkflowDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    static final String PASS = """
            {"StartAt": "Greet", "States": {"Greet": {"Type": "Pass", "Parameters": {"hello.$": "$"}, "End": true}}}""";

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final AtomicInteger starts = new AtomicInteger();
    private ScheduledExecutorService scheduler;
    private Store store;
    private Queues queues;
    private WorkflowEngine engine;
    private AsyncDispatcher dispatcher;

    @BeforeEach
    void start() {
        scheduler = Executors.newScheduledThreadPool(2);
        store = SqliteStore.open(dir.resolve("gust.db"), clock);
        store.workflows().putAll("flows", List.of(new WorkflowDefinition("greet", "flows", PASS, clock.instant())));
        queues = Queues.create(store.queues(), clock);
        TaskRunner noTasks = call -> CompletableFuture.failedFuture(new IllegalStateException("no tasks here"));
        engine = WorkflowEngine.create(store.workflows(), noTasks, clock, scheduler, Intrinsics.standard(),
                new SplittableRandom(7));
        engine.start();
        dispatcher = new AsyncDispatcher(store.asyncInvocations(), store.functions(), null, queues, clock, scheduler,
                new SplittableRandom(7));
    }

    @AfterEach
    void stop() throws InterruptedException {
        dispatcher.close();
        dispatcher.awaitIdle(WAIT);
        engine.close();
        queues.close();
        scheduler.shutdownNow();
        store.close();
    }

    private void startDispatching(WorkflowStarter starter) {
        dispatcher.startWorkflowsWith((workflow, name, input, trace, correlation) -> {
            starts.incrementAndGet();
            return starter.start(workflow, name, input, trace, correlation);
        });
        dispatcher.start();
    }

    private String enqueue(String id, String workflow, String payload) {
        dispatcher.accept(AsyncEvent.accepted(id, workflow, payload, TRACE, "corr-" + id, clock.instant())
                .toTarget(AsyncEvent.Kind.WORKFLOW, Optional.empty()));
        return id;
    }

    private AsyncEvent state(String id) {
        return store.asyncInvocations().get(id).orElseThrow();
    }

    private List<Execution> executions(String workflow) {
        return store.workflows().executions(new WorkflowStore.Query(Optional.of(workflow), Optional.empty(),
                Optional.empty(), Optional.empty(), 100));
    }

    @Test
    void delivery_startsAnExecutionNamedByItsId_withThePayloadAsInput_andItsTraceAndCorrelation() {
        startDispatching(engine::start);
        String id = enqueue("ev-1", "greet", "{\"name\":\"Ada\"}");

        await().atMost(WAIT).until(() -> state(id).status() == AsyncEvent.Status.SUCCEEDED);
        await().atMost(WAIT).until(() -> executions("greet").getFirst().status() == Execution.Status.SUCCEEDED);

        Execution run = executions("greet").getFirst();
        assertThat(run.name()).isEqualTo("ev-1");
        assertThat(run.input()).isEqualTo("{\"name\":\"Ada\"}");
        assertThat(run.output()).contains("{\"hello\":{\"name\":\"Ada\"}}");
        assertThat(run.correlationId()).isEqualTo("corr-ev-1");
        assertThat(run.traceparent()).isEqualTo(TRACE);
    }

    @Test
    void delivery_redeliveredAfterTheNodeDiedBeforeRecordingIt_findsTheFirstExecution_andStartsNoOther() {
        var died = new AtomicInteger();
        startDispatching((workflow, name, input, trace, correlation) -> {
            var start = engine.start(workflow, name, input, trace, correlation);
            if (died.getAndIncrement() == 0) {
                throw new IllegalStateException("the node died after starting the execution");
            }
            return start;
        });
        String id = enqueue("ev-2", "greet", "{\"name\":\"Grace\"}");
        await().atMost(WAIT).until(() -> starts.get() == 1 && !executions("greet").isEmpty());
        assertThat(state(id).status()).isEqualTo(AsyncEvent.Status.PENDING);

        clock.advance(AsyncDispatcher.LEASE.plusSeconds(1));
        dispatcher.wake();

        await().atMost(WAIT).until(() -> state(id).status() == AsyncEvent.Status.SUCCEEDED);
        assertThat(starts).hasValue(2);
        assertThat(executions("greet")).singleElement().extracting(Execution::name).isEqualTo("ev-2");
    }

    @Test
    void delivery_toAnUnknownWorkflow_isRetried_thenFailedWithTheReason_andStartsNothing() {
        startDispatching(engine::start);
        String id = enqueue("ev-3", "no-such-flow", "{}");

        for (int attempt = 1; state(id).status() == AsyncEvent.Status.PENDING; attempt++) {
            int n = attempt;
            await().atMost(WAIT).until(() -> state(id).attempts() == n
                    && (state(id).status() != AsyncEvent.Status.PENDING || state(id).nextAttemptAt().isAfter(clock.instant())));
            if (state(id).status() == AsyncEvent.Status.PENDING) {
                clock.set(state(id).nextAttemptAt());
                dispatcher.wake();
            }
        }

        assertThat(state(id).status()).isEqualTo(AsyncEvent.Status.FAILED);
        assertThat(state(id).attempts()).isEqualTo(3);
        assertThat(state(id).lastError()).contains("WorkflowNotFound: no workflow named no-such-flow");
        assertThat(store.workflows().executions(WorkflowStore.Query.all(10))).isEmpty();
    }
}
