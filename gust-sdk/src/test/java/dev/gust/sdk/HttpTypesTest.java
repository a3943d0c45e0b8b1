package dev.gust.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpTypesTest {
    static HttpRequestEvent event(String body, boolean base64) {
        return new HttpRequestEvent("2.0", "GET /x", "/x", "a=1", List.of(), Map.of("content-type", "text/plain"),
                Map.of("a", "1"), Map.of("id", "7"), null, body, base64);
    }

    @Test
    void requestEvent_readsHeadersInAnyCase_queryAndPathParameters() {
        var e = event(null, false);
        assertThat(e.header("Content-Type")).isEqualTo("text/plain");
        assertThat(e.header("missing")).isNull();
        assertThat(e.query("a")).isEqualTo("1");
        assertThat(e.pathParameter("id")).isEqualTo("7");
        assertThat(e.bodyBytes()).isEmpty();
    }

    @Test
    void bodyBytes_decodeBase64OnlyWhenMarked() {
        byte[] raw = {0, 1, 2, (byte) 0xff};
        assertThat(event(Base64.getEncoder().encodeToString(raw), true).bodyBytes()).isEqualTo(raw);
        assertThat(event("héllo", false).bodyBytes()).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void response_helpersSetStatusTypeAndBody() {
        var text = HttpResponse.text("hi").withHeader("x-a", "b");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers()).containsEntry("content-type", "text/plain; charset=utf-8").containsEntry("x-a", "b");
        var bin = HttpResponse.binary(201, "image/png", new byte[] {9, 8});
        assertThat(bin.isBase64Encoded()).isTrue();
        assertThat(bin.bodyBytes()).containsExactly(9, 8);
    }
}
