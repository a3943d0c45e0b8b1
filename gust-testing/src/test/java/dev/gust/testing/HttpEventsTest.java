package dev.gust.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.sdk.HttpRequestEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpEventsTest {

    @Test
    void get_buildsAValid20Event() {
        HttpRequestEvent e = HttpEvents.get("/hello").build();

        assertThat(e.version()).isEqualTo("2.0");
        assertThat(e.routeKey()).isEqualTo("GET /hello");
        assertThat(e.rawPath()).isEqualTo("/hello");
        assertThat(e.rawQueryString()).isEmpty();
        assertThat(e.queryStringParameters()).isNull();
        assertThat(e.body()).isNull();
        assertThat(e.isBase64Encoded()).isFalse();
        var rc = e.requestContext();
        assertThat(rc.accountId()).isEqualTo("gust");
        assertThat(rc.stage()).isEqualTo("$default");
        assertThat(rc.routeKey()).isEqualTo("GET /hello");
        assertThat(rc.time()).isEqualTo("01/Jan/2026:00:00:00 +0000");
        assertThat(rc.timeEpoch()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        assertThat(rc.http().method()).isEqualTo("GET");
        assertThat(rc.http().path()).isEqualTo("/hello");
        assertThat(rc.http().protocol()).isEqualTo("HTTP/1.1");
    }

    @Test
    void query_fillsRawAndDecodedForms_joiningRepeats() {
        HttpRequestEvent e = HttpEvents.get("/search").query("q", "a b&c").query("tag", "x").query("tag", "y").build();

        assertThat(e.rawQueryString()).isEqualTo("q=a%20b%26c&tag=x&tag=y");
        assertThat(e.query("q")).isEqualTo("a b&c");
        assertThat(e.query("tag")).isEqualTo("x,y");
    }

    @Test
    void header_lowerCasesNames_andJoinsRepeats() {
        HttpRequestEvent e = HttpEvents.get("/").header("X-Trace", "1").header("x-trace", "2")
                .header("User-Agent", "curl/8").header("Host", "example.com:8080").build();

        assertThat(e.headers()).containsEntry("x-trace", "1,2");
        assertThat(e.header("X-TRACE")).isEqualTo("1,2");
        assertThat(e.requestContext().http().userAgent()).isEqualTo("curl/8");
        assertThat(e.requestContext().domainName()).isEqualTo("example.com");
    }

    @Test
    void cookiesAndPathParameters_arePassedThrough_withTheRouteKey() {
        HttpRequestEvent e = HttpEvents.get("/users/42").routeKey("GET /users/{id}")
                .pathParameter("id", "42").cookie("session=abc").cookie("theme=dark").build();

        assertThat(e.routeKey()).isEqualTo("GET /users/{id}");
        assertThat(e.requestContext().routeKey()).isEqualTo("GET /users/{id}");
        assertThat(e.pathParameter("id")).isEqualTo("42");
        assertThat(e.cookies()).containsExactly("session=abc", "theme=dark");
    }

    @Test
    void json_setsBodyAndContentType() {
        HttpRequestEvent e = HttpEvents.post("/greet").json("{\"name\":\"Ada\"}").build();

        assertThat(e.body()).isEqualTo("{\"name\":\"Ada\"}");
        assertThat(e.header("Content-Type")).isEqualTo("application/json");
        assertThat(e.requestContext().http().method()).isEqualTo("POST");
    }

    @Test
    void binaryBody_isBase64Encoded_andDecodesBack() {
        byte[] bytes = {0, (byte) 0xff, 42};
        HttpRequestEvent e = HttpEvents.put("/files/a").body(bytes).build();

        assertThat(e.isBase64Encoded()).isTrue();
        assertThat(e.bodyBytes()).containsExactly(bytes);
        assertThat(HttpEvents.put("/t").body("héllo").build().bodyBytes())
                .isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void contextFields_canBeChosen() {
        HttpRequestEvent e = HttpEvents.request("delete", "/x").app("shop").requestId("inv-9")
                .sourceIp("10.0.0.1").time(Instant.parse("2026-03-04T05:06:07Z")).build();

        var rc = e.requestContext();
        assertThat(rc.http().method()).isEqualTo("DELETE");
        assertThat(rc.apiId()).isEqualTo("shop");
        assertThat(rc.requestId()).isEqualTo("inv-9");
        assertThat(rc.http().sourceIp()).isEqualTo("10.0.0.1");
        assertThat(rc.time()).isEqualTo("04/Mar/2026:05:06:07 +0000");
    }

    @Test
    @SuppressWarnings("unchecked")
    void buildMap_givesThe20JsonShape_withoutNulls() {
        Map<String, Object> m = HttpEvents.get("/hello").query("name", "Ada").buildMap();

        assertThat(m).containsEntry("version", "2.0").containsEntry("rawQueryString", "name=Ada")
                .containsEntry("isBase64Encoded", false).doesNotContainKeys("body", "cookies", "pathParameters");
        assertThat((Map<String, Object>) m.get("queryStringParameters")).containsEntry("name", "Ada");
        var rc = (Map<String, Object>) m.get("requestContext");
        assertThat((Map<String, Object>) rc.get("http")).containsEntry("method", "GET");
    }

    @Test
    void badInput_isRejected_sayingWhatIsAllowed() {
        assertThatThrownBy(() -> HttpEvents.request("FETCH", "/")).hasMessageContaining("method must be one of");
        assertThatThrownBy(() -> HttpEvents.get("hello")).hasMessageContaining("path must start with /");
        assertThatThrownBy(() -> HttpEvents.get("/a?b=c")).hasMessageContaining("query(...)");
        assertThatThrownBy(() -> HttpEvents.get("/").cookie("novalue")).hasMessageContaining("name=value");
    }
}
