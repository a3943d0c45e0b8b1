package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.sdk.HttpRequestEvent;
import dev.gust.sdk.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
    private final JsonCodec json = new JsonCodec();

    @Test
    void write_httpResponse_usesPayloadFormat2FieldNames() {
        var response = new HttpResponse(404, Map.of("content-type", "text/plain"), List.of("a=1"), "bm8=", true);
        assertThat(text(json.write(response))).isEqualTo("{\"statusCode\":404,\"headers\":{\"content-type\":\"text/plain\"},"
                + "\"cookies\":[\"a=1\"],\"body\":\"bm8=\",\"isBase64Encoded\":true}");
    }

    @Test
    void read_httpRequestEvent_readsIsBase64EncodedAndIgnoresUnknownFields() {
        var event = (HttpRequestEvent) json.read(bytes("{\"rawPath\":\"/x\",\"body\":\"aGk=\",\"isBase64Encoded\":true,"
                + "\"stageVariables\":{\"a\":\"b\"}}"), HttpRequestEvent.class);
        assertThat(event.isBase64Encoded()).isTrue();
        assertThat(new String(event.bodyBytes(), StandardCharsets.UTF_8)).isEqualTo("hi");
        assertThat(event.rawPath()).isEqualTo("/x");
    }

    @Test
    void roundTrip_httpRequestEvent_keepsEveryField() {
        var event = new HttpRequestEvent("2.0", "GET /a", "/a", "q=1", List.of("c=1"), Map.of("h", "v"),
                Map.of("q", "1"), Map.of(), new HttpRequestEvent.RequestContext("gust", "app", "localhost", "inv-1",
                        "GET /a", "$default", "01/Jan/2026:00:00:00 +0000", 1767225600000L,
                        new HttpRequestEvent.Http("GET", "/a", "HTTP/1.1", "127.0.0.1", "curl")), null, false);
        assertThat(json.read(json.write(event), HttpRequestEvent.class)).isEqualTo(event);
    }

    @Test
    void read_objectType_givesPlainCollections() {
        assertThat(json.read(bytes("{\"a\":[1,\"b\",true]}"), Object.class))
                .isEqualTo(Map.of("a", List.of(1, "b", true)));
    }

    @Test
    void read_emptyOrBlankPayload_isNull() {
        assertThat(json.read(bytes(" \n"), Map.class)).isNull();
        assertThat(json.read(new byte[0], String.class)).isNull();
    }

    @Test
    void read_byteArray_isThePayloadUntouched() {
        assertThat(json.read(bytes("not json"), byte[].class)).isEqualTo(bytes("not json"));
    }

    @Test
    void write_stringsBytesAndNull_asDocumented() {
        assertThat(text(json.write("a \"b\""))).isEqualTo("\"a \\\"b\\\"\"");
        assertThat(text(json.write(new byte[] {1, 2, 3}))).isEqualTo("\"AQID\"");
        assertThat(text(json.write(null))).isEqualTo("null");
    }

    @Test
    void write_whenValueCannotBeJson_failsAsInvalidOutputNamingTheType() {
        assertThatThrownBy(() -> json.write(new SelfReferencing()))
                .isInstanceOfSatisfying(JsonCodec.MappingException.class,
                        e -> assertThat(e.errorType()).isEqualTo("InvalidOutput"))
                .hasMessageContaining(SelfReferencing.class.getName());
    }

    @Test
    void isJson_acceptsOneValueOnly() {
        assertThat(json.isJson(bytes(" {\"a\":1} "))).isTrue();
        assertThat(json.isJson(bytes("1 2"))).isFalse();
        assertThat(json.isJson(bytes("plain"))).isFalse();
    }

    /** A bean whose getter returns itself: Jackson refuses the cycle. */
    static final class SelfReferencing {
        public SelfReferencing getSelf() {
            return this;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
