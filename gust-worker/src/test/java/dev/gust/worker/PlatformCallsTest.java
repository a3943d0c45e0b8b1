package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.protocol.Frame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A function's calls to the platform, with the node played by the test: what goes out and what comes back. */
class PlatformCallsTest {
    private static final String CALLER = "dev.gust.worker.fixtures.Caller";
    private static final ObjectMapper JSON = new ObjectMapper();

    static String request(String op, String target, String body) {
        return "{\"op\":\"" + op + "\",\"target\":\"" + target + "\",\"body\":" + JSON.valueToTree(body) + "}";
    }

    static Frame.Call awaitCall(FakeNode node, String invocationId) {
        return await().atMost(FakeNode.PATIENCE).until(() -> node.find(Frame.Call.class,
                c -> c.invocationId().equals(invocationId)), Optional::isPresent).orElseThrow();
    }

    static JsonNode payload(Frame.Call call) throws IOException {
        return JSON.readTree(call.payload());
    }

    static void answer(FakeNode node, Frame.Call call, String json) {
        node.send(Frame.CallResult.success(call.callId(), json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void queueSend_carriesTheMessageAndReturnsTheIdTheNodeAnswers() throws Exception {
        try (var node = FakeNode.start(CALLER, Map.of())) {
            node.startInvoke("inv-1", request("send", "orders", "hello"));
            Frame.Call call = awaitCall(node, "inv-1");
            assertThat(call.operation()).isEqualTo(Frame.Call.QUEUE_SEND);
            assertThat(payload(call)).isEqualTo(JSON.readTree("""
                    {"queue":"orders","body":"hello","attributes":{"kind":"test"},"delayMillis":2000,"groupId":"g1"}"""));
            answer(node, call, "{\"messageId\":\"m-42\"}");
            assertThat(HandlerKindsTest.json(node.result("inv-1"))).isEqualTo("\"m-42\"");
        }
    }

    @Test
    void publish_serialisesTheDataWithTheWorkersMapper() throws Exception {
        try (var node = FakeNode.start(CALLER, Map.of())) {
            node.startInvoke("inv-1", request("publish", "", ""));
            Frame.Call call = awaitCall(node, "inv-1");
            assertThat(call.operation()).isEqualTo(Frame.Call.EVENTS_PUBLISH);
            assertThat(payload(call)).isEqualTo(JSON.readTree("""
                    {"source":"/shop","type":"order.paid","subject":"o-1","data":{"sku":"a-1","cents":250}}"""));
            answer(node, call, "{\"eventId\":\"e-1\"}");
            assertThat(HandlerKindsTest.json(node.result("inv-1"))).isEqualTo("\"e-1\"");
        }
    }

    @Test
    void invoke_sendsJsonTextAsItIsAndMapsTheCalleesOutputToTheRequestedType() throws Exception {
        try (var node = FakeNode.start(CALLER, Map.of())) {
            node.startInvoke("inv-1", request("invoke", "price", "{\"sku\":\"b-2\"}"));
            Frame.Call call = awaitCall(node, "inv-1");
            assertThat(call.operation()).isEqualTo(Frame.Call.FUNCTION_INVOKE);
            assertThat(payload(call)).isEqualTo(JSON.readTree("{\"function\":\"price\",\"input\":{\"sku\":\"b-2\"}}"));
            answer(node, call, "{\"sku\":\"b-2\",\"cents\":99,\"extra\":true}");
            assertThat(HandlerKindsTest.json(node.result("inv-1"))).isEqualTo("{\"sku\":\"b-2\",\"cents\":99}");
        }
    }

    @Test
    void invoke_asText_returnsTheCalleesJsonUnchanged() throws Exception {
        try (var node = FakeNode.start(CALLER, Map.of())) {
            node.startInvoke("inv-1", request("invokeText", "price", "plain"));
            Frame.Call call = awaitCall(node, "inv-1");
            assertThat(payload(call).get("input").asText()).isEqualTo("plain");
            answer(node, call, "[1,{\"a\":null}]");
            assertThat(JSON.readTree(HandlerKindsTest.json(node.result("inv-1"))).asText()).isEqualTo("[1,{\"a\":null}]");
        }
    }

    @Test
    void invokeAsync_sendsTheIdempotencyKeyAndReturnsTheInvocationId() throws Exception {
        try (var node = FakeNode.start(CALLER, Map.of())) {
            node.startInvoke("inv-1", request("async", "later", ""));
            Frame.Call call = awaitCall(node, "inv-1");
            assertThat(call.operation()).isEqualTo(Frame.Call.FUNCTION_INVOKE_ASYNC);
            assertThat(payload(call)).isEqualTo(JSON.readTree(
                    "{\"function\":\"later\",\"input\":[1,2],\"idempotencyKey\":\"key-1\"}"));
            answer(node, call, "{\"invocationId\":\"a-9\"}");
            assertThat(HandlerKindsTest.json(node.result("inv-1"))).isEqualTo("\"a-9\"");
        }
    }

    @Test
    void workflowStart_sendsTheWorkflowAndInputAndReturnsTheExecutionId() throws Exception {
        try (var node = FakeNode.start(CALLER, Map.of())) {
            node.startInvoke("inv-1", request("startFlow", "order-saga", "{\"order\":7}"));
            Frame.Call call = awaitCall(node, "inv-1");
            assertThat(call.operation()).isEqualTo(Frame.Call.WORKFLOW_START);
            assertThat(payload(call)).isEqualTo(JSON.readTree("{\"workflow\":\"order-saga\",\"input\":{\"order\":7}}"));
            answer(node, call, "{\"executionId\":\"x-1\"}");
            assertThat(HandlerKindsTest.json(node.result("inv-1"))).isEqualTo("\"x-1\"");
        }
    }

    @Test
    void workflowStart_withAName_sendsIt_andAConflictReachesTheHandlerAsItsErrorType() throws Exception {
        try (var node = FakeNode.start(CALLER, Map.of())) {
            node.startInvoke("inv-1", request("startNamedFlow", "order-saga", ""));
            Frame.Call call = awaitCall(node, "inv-1");
            assertThat(payload(call)).isEqualTo(JSON.readTree(
                    "{\"workflow\":\"order-saga\",\"input\":[1,2],\"name\":\"order-1\"}"));
            node.send(Frame.CallResult.failure(call.callId(), "ExecutionAlreadyExists", "named order-1"));
            assertThat(HandlerKindsTest.json(node.result("inv-1")))
                    .isEqualTo("\"failed ExecutionAlreadyExists: named order-1\"");
        }
    }

    @Test
    void call_whenTheNodeRefuses_theHandlerSeesGustCallExceptionWithTheErrorType() throws Exception {
        try (var node = FakeNode.start(CALLER, Map.of())) {
            node.startInvoke("inv-1", request("send", "nope", "x"));
            Frame.Call call = awaitCall(node, "inv-1");
            node.send(Frame.CallResult.failure(call.callId(), "QueueDoesNotExist", "no queue named nope"));
            assertThat(HandlerKindsTest.json(node.result("inv-1")))
                    .isEqualTo("\"failed QueueDoesNotExist: no queue named nope\"");
        }
    }

    @Test
    void call_afterTheInvocationReturned_failsWithInvocationEndedAndSendsNothing() throws Exception {
        try (var node = FakeNode.start(CALLER, Map.of())) {
            assertThat(HandlerKindsTest.json(node.invoke("inv-1", request("keep", "", "")))).isEqualTo("\"kept\"");
            String answer = HandlerKindsTest.json(node.invoke("inv-2", request("useKept", "", "")));
            assertThat(answer).startsWith("\"failed InvocationEnded: queue.send: invocation inv-1 has returned");
            assertThat(node.frames()).noneMatch(f -> f instanceof Frame.Call);
        }
    }

    @Test
    void call_withAPayloadOverTheFrameLimit_failsWithPayloadTooLargeAndSendsNothing() throws Exception {
        try (var node = FakeNode.start(CALLER, Map.of())) {
            String big = "x".repeat(PlatformCalls.MAX_PAYLOAD_BYTES);
            String answer = HandlerKindsTest.json(node.invoke("inv-1", request("send", "q", big)));
            assertThat(answer).startsWith("\"failed PayloadTooLarge: queue.send: the request is ");
            assertThat(node.frames()).noneMatch(f -> f instanceof Frame.Call);
        }
    }

    @Test
    void call_withJsonTextThatIsNotJson_failsWithInvalidRequestNamingTheField() throws Exception {
        try (var node = FakeNode.start(CALLER, Map.of())) {
            String answer = HandlerKindsTest.json(node.invoke("inv-1", request("badJson", "f", "")));
            assertThat(answer).isEqualTo("\"failed InvalidRequest: input: the JsonText is not exactly one JSON value\"");
        }
    }

    @Test
    void call_withoutAnAnswerWithinTheRemainingTime_failsWithCallTimedOut() throws Exception {
        try (var node = FakeNode.start(CALLER, Map.of())) {
            node.send(new Frame.Invoke("inv-1", 300, FakeNode.traceparent(), "c",
                    request("send", "q", "x").getBytes(StandardCharsets.UTF_8)));
            assertThat(HandlerKindsTest.json(node.result("inv-1"))).startsWith("\"failed CallTimedOut: queue.send: no answer");
        }
    }

    @Test
    void calls_fromManyThreadsAtOnce_eachGetItsOwnAnswerWhateverTheOrder() throws Exception {
        try (var node = FakeNode.start(CALLER, Map.of())) {
            node.startInvoke("inv-1", "{\"op\":\"parallel\",\"target\":\"echo\",\"count\":8}");
            await().atMost(FakeNode.PATIENCE).until(() -> node.frames().stream().filter(f -> f instanceof Frame.Call).count() == 8);
            List<Frame.Call> calls = node.frames().stream().filter(f -> f instanceof Frame.Call)
                    .map(Frame.Call.class::cast).toList().reversed();
            assertThat(calls.stream().map(Frame.Call::callId).distinct()).hasSize(8);
            for (Frame.Call c : calls) {
                answer(node, c, Integer.toString(100 + payload(c).get("input").asInt()));
            }
            assertThat(HandlerKindsTest.json(node.result("inv-1")))
                    .isEqualTo("[\"100\",\"101\",\"102\",\"103\",\"104\",\"105\",\"106\",\"107\"]");
        }
    }

    @Test
    void shutdown_whileAnInvocationWaitsForACall_stillDeliversTheAnswerThenExits() throws Exception {
        try (var node = FakeNode.start(CALLER, Map.of())) {
            node.startInvoke("inv-1", request("send", "orders", "x"));
            Frame.Call call = awaitCall(node, "inv-1");
            node.send(new Frame.Shutdown());
            answer(node, call, "{\"messageId\":\"m-1\"}");
            assertThat(HandlerKindsTest.json(node.result("inv-1"))).isEqualTo("\"m-1\"");
            assertThat(node.awaitExit()).isZero();
        }
    }
}
