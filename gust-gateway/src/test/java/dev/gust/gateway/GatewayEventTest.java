package dev.gust.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a routed function receives: the payload format 2.0 event, field by field. */
class GatewayEventTest {
    private static GatewayFixture gw;

    @BeforeAll
    static void start() throws Exception {
        gw = new GatewayFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    @BeforeEach
    void reset() {
        gw.invoker.reset();
    }

    @Test
    void event_forGetWithQuery_hasRouteRawPathAndDecodedParameters() {
        gw.get("/hello?name=Ada%20L&tag=a&tag=b+c&flag");

        JsonNode e = gw.lastEvent();
        assertThat(e.path("version").asText()).isEqualTo("2.0");
        assertThat(e.path("routeKey").asText()).isEqualTo("GET /hello");
        assertThat(e.path("rawPath").asText()).isEqualTo("/hello");
        assertThat(e.path("rawQueryString").asText()).isEqualTo("name=Ada%20L&tag=a&tag=b+c&flag");
        JsonNode q = e.path("queryStringParameters");
        assertThat(q.path("name").asText()).isEqualTo("Ada L");
        assertThat(q.path("tag").asText()).isEqualTo("a,b c");
        assertThat(q.path("flag").asText()).isEmpty();
        assertThat(e.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(e.has("body")).isFalse();
    }

    @Test
    void event_withoutQueryCookiesOrParameters_omitsThoseFields() {
        gw.get("/hello");

        JsonNode e = gw.lastEvent();
        assertThat(e.path("rawQueryString").asText()).isEmpty();
        assertThat(e.has("queryStringParameters")).isFalse();
        assertThat(e.has("cookies")).isFalse();
        assertThat(e.has("pathParameters")).isFalse();
        assertThat(e.path("headers").has("cookie")).isFalse();
    }

    @Test
    void event_cookiesAreSplitAndLeftOutOfHeaders() {
        gw.send(gw.request("/hello").header("Cookie", "a=1; b=2").header("Cookie", "c=3"));

        JsonNode e = gw.lastEvent();
        assertThat(e.path("cookies")).extracting(JsonNode::asText).containsExactly("a=1", "b=2", "c=3");
        assertThat(e.path("headers").has("cookie")).isFalse();
    }

    @Test
    void event_headersAreLowerCaseAndRepeatsJoinedWithCommas() {
        gw.send(gw.request("/hello").header("X-Thing", "one").header("x-thing", "two")
                .header("User-Agent", "probe/1.0"));

        JsonNode h = gw.lastEvent().path("headers");
        assertThat(h.path("x-thing").asText()).isEqualTo("one,two");
        assertThat(h.path("user-agent").asText()).isEqualTo("probe/1.0");
        assertThat(h.path("host").asText()).isEqualTo("127.0.0.1:" + gw.port());
    }

    @Test
    void event_pathParametersAreUrlDecoded() {
        gw.get("/hello/Ada%20Lovelace%C3%A9");

        JsonNode e = gw.lastEvent();
        assertThat(e.path("routeKey").asText()).isEqualTo("GET /hello/{name}");
        assertThat(e.path("rawPath").asText()).isEqualTo("/hello/Ada%20Lovelace%C3%A9");
        assertThat(e.path("pathParameters").path("name").asText()).isEqualTo("Ada Lovelaceé");
        assertThat(gw.invoker.last().function()).isEqualTo("greet");
    }

    @Test
    void event_greedyParameterCapturesTheRestOfThePath() {
        gw.send(gw.request("/files/a/b%20x/c.txt").DELETE());

        JsonNode e = gw.lastEvent();
        assertThat(e.path("routeKey").asText()).isEqualTo("ANY /files/{proxy+}");
        assertThat(e.path("pathParameters").path("proxy").asText()).isEqualTo("a/b x/c.txt");
        assertThat(e.path("requestContext").path("http").path("method").asText()).isEqualTo("DELETE");
    }

    @Test
    void event_requestContextDescribesTheRequest() {
        gw.send(gw.request("/items/42/tags/red").PUT(HttpRequest.BodyPublishers.noBody())
                .header("User-Agent", "probe/2.0"));

        var r = gw.invoker.last();
        JsonNode c = gw.lastEvent().path("requestContext");
        assertThat(c.path("accountId").asText()).isEqualTo("gust");
        assertThat(c.path("apiId").asText()).isEqualTo("shop");
        assertThat(c.path("domainName").asText()).isEqualTo("127.0.0.1");
        assertThat(c.path("requestId").asText()).isEqualTo(r.id());
        assertThat(c.path("routeKey").asText()).isEqualTo("PUT /items/{id}/tags/{tag}");
        assertThat(c.path("stage").asText()).isEqualTo("$default");
        assertThat(c.path("time").asText()).isEqualTo("01/Jan/2026:00:00:00 +0000");
        assertThat(c.path("timeEpoch").asLong()).isEqualTo(gw.clock.millis());
        JsonNode http = c.path("http");
        assertThat(http.path("method").asText()).isEqualTo("PUT");
        assertThat(http.path("path").asText()).isEqualTo("/items/42/tags/red");
        assertThat(http.path("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(http.path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(http.path("userAgent").asText()).isEqualTo("probe/2.0");
    }

    @Test
    void invoke_passesFunctionTriggerAndTimeOrderedId() {
        gw.get("/hello/x");

        var r = gw.invoker.last();
        assertThat(r.function()).isEqualTo("greet");
        assertThat(r.trigger()).isEqualTo("http");
        assertThat(r.id()).hasSize(28).startsWith(String.format("%012x", gw.clock.millis()));
    }

    @Test
    void event_jsonBodyTravelsAsText() {
        gw.send(gw.request("/items").header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Zoë\"}")));

        JsonNode e = gw.lastEvent();
        assertThat(e.path("body").asText()).isEqualTo("{\"name\":\"Zoë\"}");
        assertThat(e.path("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void event_binaryBodyTravelsAsBase64() {
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        gw.send(gw.request("/items").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));

        JsonNode e = gw.lastEvent();
        assertThat(e.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(e.path("body").asText())).isEqualTo(bytes);
    }

    @Test
    void event_textTypedBodyThatIsNotValidUtf8_travelsAsBase64() {
        byte[] bytes = {'o', 'k', (byte) 0xff, (byte) 0xfe};
        gw.send(gw.request("/items").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));

        JsonNode e = gw.lastEvent();
        assertThat(e.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(e.path("body").asText())).isEqualTo(bytes);
    }

    @Test
    void event_bodyWithoutContentType_travelsAsBase64() {
        gw.send(gw.request("/items").POST(HttpRequest.BodyPublishers.ofString("plain")));

        JsonNode e = gw.lastEvent();
        assertThat(e.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(new String(Base64.getDecoder().decode(e.path("body").asText()), StandardCharsets.UTF_8))
                .isEqualTo("plain");
    }

    @Test
    void event_chunkedBodyIsReadWhole() {
        byte[] bytes = "a=1&b=2".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        gw.send(gw.request("/items").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))));

        assertThat(gw.lastEvent().path("body").asText()).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void textualContentTypes_followTheDocumentedRule() {
        assertThat(EventWriter.BodyText.isTextual("text/html; charset=utf-8")).isTrue();
        assertThat(EventWriter.BodyText.isTextual("Application/JSON")).isTrue();
        assertThat(EventWriter.BodyText.isTextual("application/problem+json")).isTrue();
        assertThat(EventWriter.BodyText.isTextual("application/atom+xml")).isTrue();
        assertThat(EventWriter.BodyText.isTextual("application/x-www-form-urlencoded")).isTrue();
        assertThat(EventWriter.BodyText.isTextual("application/octet-stream")).isFalse();
        assertThat(EventWriter.BodyText.isTextual("image/png")).isFalse();
        assertThat(EventWriter.BodyText.isTextual("multipart/form-data; boundary=x")).isFalse();
    }
}
