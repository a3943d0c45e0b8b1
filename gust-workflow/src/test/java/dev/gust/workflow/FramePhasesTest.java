package dev.gust.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.gust.store.Execution;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frames' lifecycle table: every declared transition happens, and none other is allowed. */
class FramePhasesTest {
    private static final Map<String, String> MACHINES = Map.of(
            "pass", """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}""",
            "task-retry", """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "gust:function:flaky",
                 "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 1}], "Next": "W"},
                 "W": {"Type": "Wait", "Seconds": 1, "End": true}}}""",
            "parameter-retry", """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "gust:function:echo",
                 "Parameters": {"x.$": "$.missing"}, "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1}],
                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}], "End": true},
                 "Done": {"Type": "Succeed"}}}""",
            "map", """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": {"StartAt": "P",
                 "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}""");

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
    void everyDeclaredTransition_isExercised() {
        harness.tasks.script("task-retry", Map.of("flaky", Conformance.MAPPER.createArrayNode()
                .add(Conformance.MAPPER.createObjectNode().put("error", "E")).add(TextNode.valueOf("echo"))));
        MACHINES.forEach((name, json) -> {
            harness.deploy(name, json);
            Execution done = harness.awaitFinishedAdvancing(harness.start(name, "[1]"));
            assertThat(done.status()).as(name + ": " + done.cause()).isEqualTo(Execution.Status.SUCCEEDED);
        });

        var declared = Frame.Phase.TRANSITIONS.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(to -> e.getKey() + "->" + to)).collect(Collectors.toSet());
        assertThat(Frame.EXERCISED).containsAll(declared);
    }

    @Test
    void undeclaredTransition_isRefusedNamingTheFrame() {
        StateMachine machine = ((Definitions.Accepted) Definitions.parse(MACHINES.get("pass"))).machine();
        Frame frame = new Frame("", machine, java.util.Optional.empty(), 0);

        org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(() -> frame.move(Frame.Phase.DONE))
                .withMessageContaining("cannot move from NEW to DONE");
    }
}
