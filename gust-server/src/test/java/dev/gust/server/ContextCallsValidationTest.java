package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.common.TraceContext;
import dev.gust.runtime.CallHandler;
import dev.gust.runtime.CallHandler.Reply;
import dev.gust.store.ChildWork;
import dev.gust.testing.InMemoryStore;
import dev.gust.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Calls refused before they reach a queue, the bus or a function: each answer names the field,
 * and the refusal is still child work of the caller. Nothing else of the node is needed for
 * these, so none is built.
 */
class ContextCallsValidationTest {
    private final ManualClock clock = ManualClock.atEpochOfTests();
    private final InMemoryStore store = new InMemoryStore(clock);
    private final ContextCalls calls = new ContextCalls(null, null, null, null, store, clock, WorkflowStarter.NONE);
    private final CallHandler.Caller caller = new CallHandler.Caller("inv-1", "front", 1, TraceContext.newRoot(), "c-1");

    private Reply.Failed refused(String operation, String payload) {
        Reply reply = calls.handle(caller, operation, payload.getBytes(StandardCharsets.UTF_8));
        assertThat(reply).isInstanceOf(Reply.Failed.class);
        return (Reply.Failed) reply;
    }

    @Test
    void unknownOperation_isRefusedListingTheKnownOnes() {
        var failed = refused("queue.purge", "{}");
        assertThat(failed.errorType()).isEqualTo("InvalidRequest");
        assertThat(failed.message()).isEqualTo("operation: must be one of [queue.send, events.publish, function.invoke,"
                + " function.invokeAsync, workflow.start], was queue.purge");
        assertThat(store.childWork().of("inv-1")).isEmpty();
    }

    @Test
    void payloadThatIsNotAJsonObject_isRefusedAndRecorded() {
        assertThat(refused("queue.send", "{nope").message()).isEqualTo("queue.send: the call's payload is not valid JSON");
        assertThat(refused("queue.send", "[1]").message()).isEqualTo("queue.send: the call's payload must be a JSON object");
        assertThat(store.childWork().of("inv-1")).extracting(ChildWork::errorType).containsOnly(
                java.util.Optional.of("InvalidRequest"));
    }

    @Test
    void missingOrMistypedFields_areRefusedNamingTheField() {
        assertThat(refused("queue.send", "{\"body\":\"x\"}").message())
                .isEqualTo("queue.send: queue: must be a non-empty string, was absent");
        assertThat(refused("queue.send", "{\"queue\":\"q\",\"body\":7}").message())
                .isEqualTo("queue.send: body: must be a non-empty string, was 7");
        assertThat(refused("queue.send", "{\"queue\":\"q\",\"body\":\"x\",\"attributes\":{\"a\":1}}").message())
                .isEqualTo("queue.send: attributes.a: must be a string, was 1");
        assertThat(refused("queue.send", "{\"queue\":\"q\",\"body\":\"x\",\"delayMillis\":-5}").message())
                .isEqualTo("queue.send: delayMillis: must be a whole number of milliseconds >= 0, was -5");
        assertThat(refused("function.invoke", "{\"input\":{}}").message())
                .isEqualTo("function.invoke: function: must be a non-empty string, was absent");
        assertThat(refused("events.publish", "{\"source\":\"/s\"}").message())
                .isEqualTo("events.publish: type: must be a non-empty string, was absent");
    }

    @Test
    void invokeOfAnUnknownFunction_isFunctionNotFoundAndRecordedWithItsTarget() {
        var failed = refused("function.invoke", "{\"function\":\"ghost\",\"input\":{}}");
        assertThat(failed.errorType()).isEqualTo("FunctionNotFound");
        assertThat(store.childWork().of("inv-1")).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(ChildWork.Kind.FUNCTION_INVOKE);
            assertThat(w.target()).isEqualTo("ghost");
            assertThat(w.ok()).isFalse();
            assertThat(w.at()).isEqualTo(clock.instant());
        });
    }

    @Test
    void workflowStart_withMissingOrBadFields_isRefusedNamingTheField() {
        assertThat(refused("workflow.start", "{\"input\":{}}").message())
                .isEqualTo("workflow.start: workflow: must be a non-empty string, was absent");
        assertThat(refused("workflow.start", "{\"workflow\":\"greet\"}").message())
                .isEqualTo("workflow.start: input: must be present (any JSON value)");
        assertThat(refused("workflow.start", "{\"workflow\":\"greet\",\"input\":{},\"name\":\"two words\"}").message())
                .isEqualTo("workflow.start: name: must be 1..80 printable ASCII characters without spaces, was two words");
        assertThat(refused("workflow.start", "{\"workflow\":\"greet\",\"input\":\"" + "x".repeat(300_000) + "\"}")
                .errorType()).isEqualTo("PayloadTooLarge");
    }

    @Test
    void workflowStartOfAnUnknownWorkflow_isWorkflowNotFoundAndRecordedWithItsTarget() {
        var failed = refused("workflow.start", "{\"workflow\":\"ghost-flow\",\"input\":{}}");
        assertThat(failed.errorType()).isEqualTo("WorkflowNotFound");
        assertThat(failed.message()).isEqualTo("no workflow named ghost-flow on this node");
        assertThat(store.childWork().of("inv-1")).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(ChildWork.Kind.WORKFLOW_START);
            assertThat(w.target()).isEqualTo("ghost-flow");
            assertThat(w.ok()).isFalse();
        });
    }
}
