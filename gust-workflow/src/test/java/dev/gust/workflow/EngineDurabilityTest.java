package dev.gust.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.gust.store.Execution;
import dev.gust.store.WorkflowStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Executions survive the node: durable timers instead of blocked threads, and a restart mid-step. */
class EngineDurabilityTest {
    private static final Duration PROCESS = Duration.ofSeconds(30);
    private static final String WAIT_HOUR = """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "Next": "Done"},
             "Done": {"Type": "Pass", "Result": "done", "End": true}}}""";
    private static final String ONE_TASK = """
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "gust:function:charge", "End": true}}}""";

    @TempDir
    Path dir;
    private EngineHarness harness;

    @BeforeEach
    void open() {
        harness = new EngineHarness(dir);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void wait_ofAnHour_holdsADurableTimerAndNoThread() {
        harness.deploy("nap", WAIT_HOUR);
        String id = harness.start("nap", "{}");

        await().atMost(PROCESS).until(() -> !harness.workflows().timers(id).isEmpty());
        WorkflowStore.Timer timer = harness.workflows().timers(id).getFirst();
        assertThat(timer.kind()).isEqualTo(Interpreter.WAIT);
        assertThat(timer.dueAt()).isEqualTo(EngineHarness.T0.plusSeconds(3600));
        // the step that added the timer may still be returning: wait until the engine is idle
        await().atMost(PROCESS).until(() -> Thread.getAllStackTraces().values().stream().noneMatch(EngineDurabilityTest::inEngine));
        assertThat(harness.execution(id).status()).isEqualTo(Execution.Status.RUNNING);
        assertThat(harness.workflows().timers(id)).hasSize(1);

        harness.clock.advance(Duration.ofHours(1));
        assertThat(harness.awaitFinished(id).output()).hasValue("\"done\"");
    }

    /** A thread inside the engine's code, other than the timer poll (which holds no execution). */
    private static boolean inEngine(StackTraceElement[] stack) {
        var frames = java.util.Arrays.stream(stack);
        return java.util.Arrays.stream(stack).noneMatch(f -> f.getMethodName().equals("poll") && f.getClassName().equals(Engine.class.getName()))
                && frames.anyMatch(f -> f.getClassName().startsWith("dev.gust.workflow.") && !f.getClassName().contains("Test"));
    }

    @Test
    void waits_ofTwoExecutions_eachKeepTheirOwnTimer() {
        harness.deploy("nap", WAIT_HOUR);
        String first = harness.start("nap", "{}");
        var second = harness.engine.start("nap", java.util.Optional.of("run-2"), "{}", "tp", "c");
        String secondId = ((WorkflowStore.Start.Started) second).execution().id();
        await().atMost(PROCESS).until(() -> harness.workflows().timers(first).size() == 1
                && harness.workflows().timers(secondId).size() == 1);

        harness.clock.advance(Duration.ofHours(1));

        assertThat(harness.awaitFinished(first).status()).isEqualTo(Execution.Status.SUCCEEDED);
        assertThat(harness.awaitFinished(secondId).status()).isEqualTo(Execution.Status.SUCCEEDED);
    }

    @Test
    void crash_midWait_continuesFromTheTimerAfterRestart() {
        harness.deploy("nap", WAIT_HOUR);
        String id = harness.start("nap", "{}");
        await().atMost(PROCESS).until(() -> !harness.workflows().timers(id).isEmpty());

        harness.restart();
        harness.clock.advance(Duration.ofHours(1));

        assertThat(harness.awaitFinished(id).output()).hasValue("\"done\"");
        assertThat(harness.labels(id)).containsOnlyOnce("WaitStarted");
    }

    @Test
    void crash_midTask_runsItAgainWithTheSameIdempotencyKey() {
        harness.deploy("pay", ONE_TASK);
        harness.tasks.script("pay", Map.of("charge", TextNode.valueOf("hold")));
        String id = harness.start("pay", "{\"amount\": 5}");
        await().atMost(PROCESS).until(() -> harness.tasks.calls("charge").size() == 1);

        harness.restart();
        await().atMost(PROCESS).until(() -> harness.tasks.calls("charge").size() == 2);
        harness.tasks.releaseAll();

        assertThat(harness.awaitFinished(id).output()).hasValue("{\"amount\":5}");
        var calls = harness.tasks.calls("charge");
        assertThat(calls.get(1).idempotencyKey()).isEqualTo(calls.get(0).idempotencyKey());
        assertThat(harness.labels(id)).containsOnlyOnce("TaskScheduled");
    }

    @Test
    void crash_midMap_finishesEveryItemWithOneKeyEach() {
        harness.deploy("fan", """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 3, "ItemProcessor": {"StartAt": "T",
                 "States": {"T": {"Type": "Task", "Resource": "gust:function:charge", "End": true}}}, "End": true}}}""");
        harness.tasks.script("fan", Map.of("charge", TextNode.valueOf("hold")));
        String id = harness.start("fan", "[0,1,2,3,4,5,6,7,8,9]");
        await().atMost(PROCESS).until(() -> harness.tasks.calls("charge").size() == 3);
        harness.tasks.held.getFirst().future().complete(TextNode.valueOf("first"));
        await().atMost(PROCESS).until(() -> harness.tasks.calls("charge").size() == 4);

        harness.restart();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            harness.tasks.releaseAll();
            return harness.execution(id).status().isFinal();
        });

        assertThat(harness.execution(id).output()).hasValue("[\"first\",1,2,3,4,5,6,7,8,9]");
        var keys = harness.tasks.calls("charge").stream().collect(Collectors.groupingBy(TaskRunner.TaskCall::idempotencyKey,
                Collectors.counting()));
        assertThat(keys).hasSize(10);
        assertThat(keys.values().stream().filter(n -> n == 2)).as("the three in flight at the crash ran twice").hasSize(3);
    }

    @Test
    void map_ofAThousandItems_completes() {
        harness.deploy("big", """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": {"StartAt": "T",
                 "States": {"T": {"Type": "Task", "Resource": "gust:function:echo", "End": true}}}, "End": true}}}""");
        String input = IntStream.range(0, 1000).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));

        String id = harness.start("big", input);

        await().atMost(Duration.ofSeconds(120)).until(() -> harness.execution(id).status().isFinal());
        assertThat(harness.execution(id).output()).hasValue(input);
        assertThat(harness.tasks.calls("echo")).hasSize(1000);
    }

    @Test
    void history_readsStepByStep() {
        harness.deploy("pay", ONE_TASK);
        String id = harness.start("pay", "{}");

        harness.awaitFinished(id);

        assertThat(harness.labels(id)).containsExactly("ExecutionStarted", "StateEntered", "TaskScheduled",
                "TaskSucceeded", "StateExited", "ExecutionSucceeded");
    }

    @Test
    void taskTimeout_failsTheTaskWithStatesTimeout() {
        harness.deploy("slow", """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "gust:function:charge",
                 "TimeoutSeconds": 5, "End": true}}}""");
        harness.tasks.script("slow", Map.of("charge", TextNode.valueOf("hold")));
        String id = harness.start("slow", "{}");
        await().atMost(PROCESS).until(() -> harness.tasks.calls("charge").size() == 1);

        harness.clock.advance(Duration.ofSeconds(6));
        Execution done = harness.awaitFinished(id);
        harness.tasks.releaseAll(); // too late: dropped

        assertThat(done.error()).hasValue("States.Timeout");
        assertThat(harness.labels(id)).contains("TaskTimedOut").doesNotContain("TaskSucceeded");
    }

    @Test
    void executionTimeout_endsItTimedOut() {
        harness.deploy("late", """
                {"StartAt": "W", "TimeoutSeconds": 10, "States": {"W": {"Type": "Wait", "Seconds": 60, "End": true}}}""");
        String id = harness.start("late", "{}");
        await().atMost(PROCESS).until(() -> harness.workflows().timers(id).size() == 2);

        harness.clock.advance(Duration.ofSeconds(11));

        Execution done = harness.awaitFinished(id);
        assertThat(done.status()).isEqualTo(Execution.Status.TIMED_OUT);
        assertThat(done.error()).hasValue("States.Timeout");
        assertThat(harness.workflows().timers(id)).isEmpty();
    }

    @Test
    void crash_midParallel_keepsTheFinishedBranch() {
        harness.deploy("both", """
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "gust:function:fast", "End": true}}},
                  {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "gust:function:slow", "End": true}}}],
                 "End": true}}}""");
        harness.tasks.script("both", Map.of("slow", TextNode.valueOf("hold")));
        String id = harness.start("both", "7");
        await().atMost(PROCESS).until(() -> harness.labels(id).contains("ParallelBranchSucceeded")
                && harness.tasks.calls("slow").size() == 1);

        harness.restart();
        await().atMost(PROCESS).until(() -> harness.tasks.calls("slow").size() == 2);
        harness.tasks.releaseAll();

        assertThat(harness.awaitFinished(id).output()).hasValue("[7,7]");
        assertThat(harness.tasks.calls("fast")).hasSize(1);
    }

    @Test
    void stop_abortsTheExecutionAndDropsTheLateResult() {
        harness.deploy("pay", ONE_TASK);
        harness.tasks.script("pay", Map.of("charge", TextNode.valueOf("hold")));
        String id = harness.start("pay", "{}");
        await().atMost(PROCESS).until(() -> harness.tasks.calls("charge").size() == 1);

        assertThat(harness.engine.stop(id, "Cancelled", "the customer changed their mind")).isTrue();
        harness.tasks.releaseAll();

        Execution stopped = harness.execution(id);
        assertThat(stopped.status()).isEqualTo(Execution.Status.ABORTED);
        assertThat(stopped.error()).hasValue("Cancelled");
        assertThat(harness.engine.stop(id, "Cancelled", "again")).isFalse();
    }

    @Test
    void finished_completesWhenTheExecutionEnds_orAtOnceWhenItHas() throws Exception {
        harness.deploy("nap", WAIT_HOUR);
        String id = harness.start("nap", "{}");
        var done = harness.engine.finished(id);
        await().atMost(PROCESS).until(() -> !harness.workflows().timers(id).isEmpty());
        assertThat(done).isNotDone();

        harness.clock.advance(Duration.ofHours(1));

        assertThat(done.get(30, java.util.concurrent.TimeUnit.SECONDS).output()).hasValue("\"done\"");
        assertThat(harness.engine.finished(id)).isCompletedWithValueMatching(e -> e.status() == Execution.Status.SUCCEEDED);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> harness.engine.finished("no-such-execution")).withMessageContaining("executionId");
    }

    @Test
    void finished_completesWhenTheExecutionIsStopped() {
        harness.deploy("nap", WAIT_HOUR);
        String id = harness.start("nap", "{}");
        var done = harness.engine.finished(id);

        harness.engine.stop(id, "Cancelled", "by hand");

        assertThat(done).isCompletedWithValueMatching(e -> e.status() == Execution.Status.ABORTED);
    }

    @Test
    void start_asANestedWorkflow_recordsItsParent() {
        harness.deploy("pay", ONE_TASK);
        var start = harness.engine.start("pay", java.util.Optional.of("child"), "{}", "tp", "c",
                java.util.Optional.of("parent-1"));

        assertThat(((WorkflowStore.Start.Started) start).execution().parentExecutionId()).hasValue("parent-1");
    }

    @Test
    void start_withAUsedName_returnsTheExistingOrAConflict() {
        harness.deploy("pay", ONE_TASK);
        String id = harness.start("pay", "{\"a\":1}");

        var again = harness.engine.start("pay", java.util.Optional.of("run-1"), "{\"a\": 1}", "tp", "c");
        var other = harness.engine.start("pay", java.util.Optional.of("run-1"), "{\"a\": 2}", "tp", "c");

        assertThat(again).isInstanceOfSatisfying(WorkflowStore.Start.Existing.class,
                e -> assertThat(e.execution().id()).isEqualTo(id));
        assertThat(other).isInstanceOf(WorkflowStore.Start.NameConflict.class);
    }

    @Test
    void start_withInputThatIsNotJson_isRefusedNamingTheField() {
        harness.deploy("pay", ONE_TASK);

        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> harness.engine.start("pay", java.util.Optional.empty(), "{not json", "tp", "c"))
                .withMessageContaining("inputJson");
        assertThat(harness.workflows().executions(WorkflowStore.Query.all(10))).isEmpty();
    }

    @Test
    void task_getsTheTraceAndCorrelationOfTheStart() {
        harness.deploy("pay", ONE_TASK);
        harness.awaitFinished(harness.start("pay", "{}"));

        TaskRunner.TaskCall call = harness.tasks.calls("charge").getFirst();
        assertThat(call.traceparent()).isEqualTo(EngineHarness.TRACEPARENT);
        assertThat(call.correlationId()).isEqualTo("corr-1");
        assertThat(call.timeout()).isEqualTo(Duration.ofSeconds(State.DEFAULT_TASK_TIMEOUT_SECONDS));
    }
}
