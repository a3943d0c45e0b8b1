package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.protocol.Frame;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unmodified AWS Lambda handlers, with {@code aws-lambda-java-core} stand-ins in the function's lib. */
class LambdaHandlersTest {
    @TempDir
    static Path work;
    static Path code;

    @BeforeAll
    static void buildFunction() throws Exception {
        code = LambdaFixtures.build(work);
    }

    private static FakeNode start(String handler) throws Exception {
        return FakeNode.start(handler, Map.of("GUST_CODE", code.toString()));
    }

    @Test
    void invoke_requestHandler_getsAContextAndALoggerBackedByGust() throws Exception {
        try (var node = start("example.lambda.Greeter")) {
            String json = HandlerKindsTest.json(node.invoke("inv-1", "{\"name\":\"Ada\"}"));
            assertThat(json).contains("\"greeting\":\"Hello, Ada\"", "\"requestId\":\"inv-1\"",
                    "\"function\":\"hello:3\"", "\"memory\":256", "\"remainingPositive\":true", "\"xray\":\"no-xray\"");
            assertThat(node.lines("inv-1", Frame.Stream.LOGGER)).containsExactly("greeting Ada", "bytes too");
        }
    }

    @Test
    void invoke_requestStreamHandler_passesRawBytesAndReturnsItsJson() throws Exception {
        try (var node = start("example.lambda.Shouter")) {
            assertThat(HandlerKindsTest.json(node.invoke("inv-1", "{\"a\":\"b\"}"))).isEqualTo("{\"A\":\"B\"}");
        }
    }

    @Test
    void invoke_requestStreamHandlerWritingPlainText_returnsItAsAJsonString() throws Exception {
        try (var node = start("example.lambda.Shouter")) {
            assertThat(HandlerKindsTest.json(node.invoke("inv-1", "\"text\""))).isEqualTo("\"plain words from hello\"");
        }
    }

    @Test
    void invoke_methodTakingLambdaContext_getsTheLambdaContext() throws Exception {
        try (var node = start("example.lambda.Plain::handle")) {
            assertThat(HandlerKindsTest.json(node.invoke("inv-9", "\"hi\""))).isEqualTo("\"hi via inv-9\"");
        }
    }

    @Test
    void invoke_whenRequestHandlerThrows_failsWithItsTypeAndItsOwnFrames() throws Exception {
        try (var node = start("example.lambda.Exploding")) {
            Frame.ErrorInfo error = node.invoke("inv-1", "{}").error();
            assertThat(error.errorType()).isEqualTo("UnsupportedOperationException");
            assertThat(error.message()).isEqualTo("not today");
            assertThat(error.stackTrace()).containsExactly("example.lambda.Exploding.handleRequest(Exploding.java:9)");
        }
    }
}
