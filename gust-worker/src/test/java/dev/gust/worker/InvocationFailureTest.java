package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.protocol.Frame;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvocationFailureTest {

    @Test
    void invoke_whenHandlerThrows_failsWithSimpleTypeMessageAndTrimmedTrace() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Failing", Map.of())) {
            Frame.Result result = node.invoke("inv-1", "\"forty-two\"");
            assertThat(result.ok()).isFalse();
            Frame.ErrorInfo error = result.error();
            assertThat(error.errorType()).isEqualTo("IllegalArgumentException");
            assertThat(error.message()).isEqualTo("order forty-two is not a number");
            assertThat(error.stackTrace()).first().asString()
                    .startsWith("dev.gust.worker.fixtures.Failing.validate(Failing.java:");
            assertThat(error.stackTrace()).anyMatch(l -> l.startsWith("dev.gust.worker.fixtures.Failing.handle("))
                    .anyMatch(l -> l.equals("Caused by: java.lang.NumberFormatException: For input string: \"forty-two\""))
                    .noneMatch(l -> l.startsWith("dev.gust.worker.Worker") || l.startsWith("dev.gust.worker.Entrypoint")
                            || l.contains("reflect") || l.startsWith("java.lang.VirtualThread"));
        }
    }

    @Test
    void invoke_afterAFailure_keepsServing() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Failing", Map.of())) {
            assertThat(node.invoke("inv-1", "\"x\"").ok()).isFalse();
            assertThat(HandlerKindsTest.json(node.invoke("inv-2", "\"12\""))).isEqualTo("12");
        }
    }

    @Test
    void invoke_whenStackOverflows_failsWithStackOverflowAndABoundedTrace() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Recursive", Map.of())) {
            Frame.Result result = node.invoke("inv-1", "{}");
            assertThat(result.error().errorType()).isEqualTo("StackOverflow");
            assertThat(result.error().stackTrace()).hasSizeLessThanOrEqualTo(Failures.MAX_TRACE_LINES + 1)
                    .first().asString().startsWith("dev.gust.worker.fixtures.Recursive.depth(");
            assertThat(result.error().stackTrace()).last().asString().matches("\\.\\.\\. \\d+ more");
            assertThat(node.invoke("inv-2", "{}").invocationId()).isEqualTo("inv-2");
        }
    }

    @Test
    void invoke_whenPayloadDoesNotFitTheInputType_failsAsInvalidInputNamingTheType() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Greeter", Map.of())) {
            Frame.Result result = node.invoke("inv-1", "[1, 2]");
            assertThat(result.error().errorType()).isEqualTo("InvalidInput");
            assertThat(result.error().message())
                    .startsWith("payload does not fit the input type dev.gust.worker.fixtures.Greeter$Request: ");
        }
    }

    @Test
    void invoke_whenPayloadIsNotJson_failsAsInvalidInput() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.MapEcho", Map.of())) {
            assertThat(node.invoke("inv-1", "{not json").error().errorType()).isEqualTo("InvalidInput");
        }
    }

    @Test
    void invoke_whenResultExceedsTheLimit_failsAsResponseTooLargeWithTheNumbers() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Big", Map.of())) {
            Frame.Result result = node.invoke("inv-1", String.valueOf(Worker.MAX_RESULT_BYTES));
            assertThat(result.error().errorType()).isEqualTo("ResponseTooLarge");
            assertThat(result.error().message()).isEqualTo("the result is " + (Worker.MAX_RESULT_BYTES + 2)
                    + " bytes; at most " + Worker.MAX_RESULT_BYTES + " are allowed");
            assertThat(HandlerKindsTest.json(node.invoke("inv-2", "3"))).isEqualTo("\"xxx\"");
        }
    }
}
