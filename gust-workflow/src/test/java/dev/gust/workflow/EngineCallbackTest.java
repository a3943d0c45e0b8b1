package dev.gust.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import dev.gust.store.Execution;
import dev.gust.store.WorkflowStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The callback pattern: a {@code .waitForTaskToken} task waits, with no thread, for its token. */
class EngineCallbackTest {
    private static final Duration PROCESS = Duration.ofSeconds(30);
    private static final String APPROVAL = """
            {"StartAt": "Ask", "States": {
              "Ask": {"Type": "Task", "Resource": "gust:function:notify.waitForTaskToken",
                "Parameters": {"token.$": "$$.Task.Token", "order.$": "$.order"}, "HeartbeatSeconds": 10,
                "TimeoutSeconds": 3600, "ResultPath": "$.approval",
                "Catch": [{"ErrorEquals": ["Rejected"], "ResultPath": "$.why", "Next": "No"}], "End": true},
              "No": {"Type": "Pass", "OutputPath": "$.why.Cause", "End": true}}}""";

    @TempDir
    Path dir;
    private EngineHarness harness;

    @BeforeEach
    void open() {
        harness = new EngineHarness(dir);
        harness.deploy("approve", APPROVAL);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private String askedToken(String id) {
        await().atMost(PROCESS).until(() -> harness.tasks.calls("notify").size() == 1);
        TaskRunner.TaskCall call = harness.tasks.calls("notify").getFirst();
        assertThat(call.input().get("token").asText()).isEqualTo(call.taskToken().orElseThrow());
        await().atMost(PROCESS).until(() -> harness.workflows().token(call.taskToken().get()).isPresent());
        assertThat(harness.execution(id).status()).isEqualTo(Execution.Status.RUNNING);
        return call.taskToken().get();
    }

    @Test
    void sendTaskSuccess_continuesWithTheResult() {
        String id = harness.start("approve", "{\"order\": 7}");
        String token = askedToken(id);

        var result = harness.engine.sendTaskSuccess(token, "{\"by\": \"ada\"}");

        assertThat(result).isInstanceOf(WorkflowStore.TokenResult.Accepted.class);
        assertThat(harness.awaitFinished(id).output()).hasValue("{\"order\":7,\"approval\":{\"by\":\"ada\"}}");
    }

    @Test
    void sendTaskFailure_isCaughtByItsErrorName() {
        String id = harness.start("approve", "{\"order\": 7}");
        String token = askedToken(id);

        harness.engine.sendTaskFailure(token, "Rejected", "too expensive");

        assertThat(harness.awaitFinished(id).output()).hasValue("\"too expensive\"");
    }

    @Test
    void secondCompletion_losesToTheFirst() {
        String id = harness.start("approve", "{\"order\": 7}");
        String token = askedToken(id);
        harness.engine.sendTaskSuccess(token, "1");

        var late = harness.engine.sendTaskFailure(token, "Rejected", "late");

        assertThat(late).isInstanceOf(WorkflowStore.TokenResult.AlreadyCompleted.class);
        assertThat(harness.awaitFinished(id).output()).hasValue("{\"order\":7,\"approval\":1}");
    }

    @Test
    void heartbeats_keepTheTaskAlive_andAMissedOneTimesItOut() {
        String id = harness.start("approve", "{\"order\": 7}");
        String token = askedToken(id);

        harness.clock.advance(Duration.ofSeconds(8));
        assertThat(harness.engine.sendTaskHeartbeat(token)).isInstanceOf(WorkflowStore.TokenResult.Accepted.class);
        harness.clock.advance(Duration.ofSeconds(8));
        assertThat(harness.execution(id).status()).isEqualTo(Execution.Status.RUNNING);
        harness.clock.advance(Duration.ofSeconds(3));

        Execution done = harness.awaitFinished(id);
        assertThat(done.error()).hasValue("States.HeartbeatTimeout");
        assertThat(harness.labels(id)).contains("TaskTimedOut");
    }

    @Test
    void crash_whileWaitingForTheToken_stillTakesItsCompletion() {
        String id = harness.start("approve", "{\"order\": 7}");
        String token = askedToken(id);

        harness.restart();
        harness.engine.sendTaskSuccess(token, "true");

        assertThat(harness.awaitFinished(id).output()).hasValue("{\"order\":7,\"approval\":true}");
    }

    @Test
    void sendTaskSuccess_withOutputThatIsNotJson_isRefusedAndChangesNothing() {
        String id = harness.start("approve", "{\"order\": 7}");
        String token = askedToken(id);

        assertThatIllegalArgumentException().isThrownBy(() -> harness.engine.sendTaskSuccess(token, "{oops"))
                .withMessageContaining("outputJson");
        assertThat(harness.workflows().token(token).orElseThrow().isOpen()).isTrue();
    }

    @Test
    void unknownToken_isNotFound() {
        assertThat(harness.engine.sendTaskSuccess("no-such-token", "1")).isInstanceOf(WorkflowStore.TokenResult.NotFound.class);
        assertThat(harness.engine.sendTaskHeartbeat("no-such-token")).isInstanceOf(WorkflowStore.TokenResult.NotFound.class);
    }
}
