package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.protocol.Frame;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlerKindsTest {

    @Test
    void invoke_gustHandlerWithRecords_mapsJsonBothWaysAndSeesItsContext() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Greeter",
                Map.of("GUST_USER_ENV", "SECRET,ABSENT", "SECRET", "s3", "PATH", "/bin"))) {
            Frame.Result result = node.invoke("inv-1", "{\"name\":\"Ada\",\"unknown\":true}");
            assertThat(json(result)).isEqualTo("{\"greeting\":\"Hello, Ada!\",\"function\":\"hello\",\"version\":\"3\","
                    + "\"memoryMb\":256,\"invocationId\":\"inv-1\",\"traceId\":\"0af7651916cd43dd8448eb211c80319c\","
                    + "\"correlationId\":\"corr-inv-1\",\"secret\":\"s3\"}");
        }
    }

    @Test
    void invoke_manyTimes_callsInitOnceAndShowsOnlyListedVariables() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Counter",
                Map.of("GUST_USER_ENV", "COLOR", "COLOR", "blue", "HOME", "/root"))) {
            for (int i = 1; i <= 5; i++) {
                assertThat(json(node.invoke("inv-" + i, "{}"))).contains("\"inits\":1").contains("\"calls\":" + i);
            }
            assertThat(json(node.invoke("inv-env", "null"))).contains("\"environment\":{\"COLOR\":\"blue\"}");
        }
    }

    @Test
    void invoke_javaFunction_appliesItToTheInput() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Upper", Map.of())) {
            assertThat(json(node.invoke("inv-1", "\"shout\""))).isEqualTo("\"SHOUT\"");
        }
    }

    @Test
    void invoke_staticMethodSpec_callsTheMethodWithTheInput() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Methods::shout", Map.of())) {
            assertThat(json(node.invoke("inv-1", "\"hey\""))).isEqualTo("\"HEY!\"");
        }
    }

    @Test
    void invoke_instanceMethodSpecWithContext_passesTheContext() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Methods::describe", Map.of())) {
            assertThat(json(node.invoke("inv-7", "{\"a\":1}"))).contains("\"invocationId\":\"inv-7\"")
                    .contains("\"input\":{\"a\":1}");
        }
    }

    @Test
    void invoke_mapsAndLists_areReadWithTheirGenericTypes() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.MapEcho", Map.of())) {
            assertThat(json(node.invoke("inv-1", "{\"a\":[1,2,3],\"b\":[]}"))).isEqualTo("{\"a\":6,\"b\":0,\"keys\":2}");
        }
    }

    @Test
    void invoke_byteArrays_takeTheRawPayloadAndReturnBase64() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Reverse", Map.of())) {
            Frame.Result result = node.invoke("inv-1", "{\"k\":1}");
            String expected = Base64.getEncoder().encodeToString("}1:\"k\"{".getBytes(StandardCharsets.UTF_8));
            assertThat(json(result)).isEqualTo("\"" + expected + "\"");
        }
    }

    @Test
    void invoke_stringInput_isTheValueOfAJsonStringOrElseTheRawJson() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Text", Map.of())) {
            assertThat(json(node.invoke("inv-1", "\"quoted \\\"text\\\"\""))).isEqualTo("\"got quoted \\\"text\\\"\"");
            assertThat(json(node.invoke("inv-2", "{\"a\": 1}"))).isEqualTo("\"got {\\\"a\\\": 1}\"");
            assertThat(json(node.invoke("inv-3", ""))).isEqualTo("\"got null\"");
        }
    }

    @Test
    void invoke_nullResult_isJsonNull() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Nothing", Map.of())) {
            assertThat(json(node.invoke("inv-1", "[1]"))).isEqualTo("null");
        }
    }

    @Test
    void invoke_httpEventAndResponse_usePayloadFormat2FieldNames() throws Exception {
        String event = """
                {"version":"2.0","routeKey":"POST /hello","rawPath":"/hello","rawQueryString":"name=Ada",
                 "headers":{"user-agent":"curl/8"},"queryStringParameters":{"name":"Ada"},
                 "requestContext":{"accountId":"gust","requestId":"inv-1","routeKey":"POST /hello","stage":"$default",
                   "timeEpoch":1767225600000,"http":{"method":"POST","path":"/hello","protocol":"HTTP/1.1",
                   "sourceIp":"127.0.0.1","userAgent":"curl/8"}},
                 "body":"aGk=","isBase64Encoded":true}
                """;
        try (var node = FakeNode.start("dev.gust.worker.fixtures.HttpEcho", Map.of())) {
            String response = json(node.invoke("inv-1", event));
            String body = Base64.getEncoder().encodeToString(
                    "POST /hello name=Ada agent=curl/8 body=hi".getBytes(StandardCharsets.UTF_8));
            assertThat(response).contains("\"statusCode\":201").contains("\"isBase64Encoded\":true")
                    .contains("\"body\":\"" + body + "\"").contains("\"x-route\":\"POST /hello\"")
                    .doesNotContain("base64Encoded\":");
        }
    }

    static String json(Frame.Result result) {
        assertThat(result.ok()).as("result of %s: %s", result.invocationId(), result.error()).isTrue();
        return new String(result.payload(), StandardCharsets.UTF_8);
    }
}
