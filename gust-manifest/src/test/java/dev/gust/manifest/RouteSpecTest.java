package dev.gust.manifest;

import static dev.gust.manifest.TestApps.hello;
import static dev.gust.manifest.TestApps.problems;
import static dev.gust.manifest.TestApps.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteSpecTest {
    @TempDir
    Path dir;

    @Test
    void parse_readsMethodAndEachKindOfSegment() {
        var route = RouteSpec.parse("GET /users/{id}/files/{path+}");

        assertThat(route.method()).isEqualTo("GET");
        assertThat(route.path()).isEqualTo("/users/{id}/files/{path+}");
        assertThat(route.segments()).containsExactly(new RouteSpec.Literal("users"), new RouteSpec.Param("id"),
                new RouteSpec.Literal("files"), new RouteSpec.Greedy("path"));
        assertThat(route.key()).isEqualTo("GET /users/{id}/files/{path+}");
        assertThat(route.shape()).isEqualTo("GET /users/{}/files/{+}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"})
    void parse_acceptsEveryMethod(String method) {
        assertThat(RouteSpec.parse(method + " /x").method()).isEqualTo(method);
    }

    @Test
    void parse_acceptsTheRootAndAGreedyRoot() {
        assertThat(RouteSpec.parse("GET /").segments()).isEmpty();
        assertThat(RouteSpec.parse("GET /").key()).isEqualTo("GET /");
        assertThat(RouteSpec.parse("ANY /{proxy+}").shape()).isEqualTo("ANY /{+}");
    }

    @Test
    void parse_acceptsLiteralPunctuationAndSurroundingSpace() {
        assertThat(RouteSpec.parse("  GET   /a.b/c_d/e~f/g-h/v1  ").key()).isEqualTo("GET /a.b/c_d/e~f/g-h/v1");
    }

    @Test
    void shape_ignoresParameterNames() {
        assertThat(RouteSpec.parse("GET /a/{x}").shape()).isEqualTo(RouteSpec.parse("GET /a/{y}").shape());
        assertThat(RouteSpec.parse("GET /a/{x}").shape()).isNotEqualTo(RouteSpec.parse("POST /a/{x}").shape());
        assertThat(RouteSpec.parse("GET /a/{x}").shape()).isNotEqualTo(RouteSpec.parse("GET /a/{x+}").shape());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GET | must be \"METHOD /path\" like \"GET /hello/{name}\", was \"GET\"",
        "GET /a /b | must be \"METHOD /path\" like \"GET /hello/{name}\", was \"GET /a /b\"",
        "get /a | method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY, was \"get\"",
        "FETCH /a | method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY, was \"FETCH\"",
        "GET a/b | path must start with /, was \"a/b\"",
        "GET /a/ | segment 2 of /a/: is empty (a doubled or trailing /)",
        "GET /a//b | segment 2 of /a//b: is empty (a doubled or trailing /)",
        "GET /a?b=c | segment 1 of /a?b=c: must be a literal of letters, digits and ._~- or a whole {parameter}, was \"a?b=c\"",
        "GET /a{b} | segment 1 of /a{b}: must be a literal of letters, digits and ._~- or a whole {parameter}, was \"a{b}\"",
        "GET /%20 | segment 1 of /%20: must be a literal of letters, digits and ._~- or a whole {parameter}, was \"%20\"",
        "GET /{} | segment 1 of /{}: parameter name must be a Java identifier, was \"\"",
        "GET /{1x} | segment 1 of /{1x}: parameter name must be a Java identifier, was \"1x\"",
        "GET /{a-b} | segment 1 of /{a-b}: parameter name must be a Java identifier, was \"a-b\"",
        "GET /{+} | segment 1 of /{+}: parameter name must be a Java identifier, was \"\"",
        "GET /{a+}/b | segment 1 of /{a+}/b: greedy parameter {a+} may only be the last segment",
        "GET /{a}/{a} | segment 2 of /{a}/{a}: parameter name a is used twice",
        "GET /{a}/{a+} | segment 2 of /{a}/{a+}: parameter name a is used twice"})
    void parse_whenMalformed_saysWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> RouteSpec.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void constructor_refusesAPathThatDisagreesWithItsSegments() {
        assertThatThrownBy(() -> new RouteSpec("GET", "/a", List.of(new RouteSpec.Literal("b"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RouteSpec("FETCH", "/", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void routes_inAManifest_keepTheirOrder() {
        TestApps.app(dir);

        var fn = valid(Manifests.parse(hello("routes:", "  - POST /b", "  - GET /a/{x}"), dir)).functions().get("hello");

        assertThat(fn.routes()).containsExactly(RouteSpec.parse("POST /b"), RouteSpec.parse("GET /a/{x}"));
    }

    @Test
    void routes_inAManifest_reportEachBadOneAtItsIndex() {
        TestApps.app(dir);

        var problems = problems(Manifests.parse(hello("routes:", "  - GET /ok", "  - GET /a/", "  - [GET, /b]", "  - 42"), dir));

        assertThat(problems).containsExactly(
                "functions.hello.routes[1]: segment 2 of /a/: is empty (a doubled or trailing /)",
                "functions.hello.routes[2]: must be a \"METHOD /path\" string like \"GET /hello/{name}\", was a list",
                "functions.hello.routes[3]: must be \"METHOD /path\" like \"GET /hello/{name}\", was \"42\"");
    }

    @Test
    void routes_whenNotAList_saySo() {
        TestApps.app(dir);

        assertThat(problems(Manifests.parse(hello("routes: GET /hello"), dir))).containsExactly(
                "functions.hello.routes: must be a list of \"METHOD /path\" strings like \"GET /hello\", was \"GET /hello\"");
    }

    @Test
    void routes_whenTwoMatchTheSameRequests_reportTheSecondWithTheFirst() {
        TestApps.app(dir);
        String yaml = hello("routes: ['GET /a/{x}', 'GET /a/{y}', 'POST /a/{x}']") + """
                  other:
                    runtime: java21
                    handler: a.B
                    code: target/hello-java.jar
                    routes:
                      - POST /a/{z}
                      - GET /a/{x+}
                """;

        assertThat(problems(Manifests.parse(yaml, dir))).containsExactly(
                "functions.hello.routes[1]: matches the same requests as functions.hello.routes[0] (GET /a/{})",
                "functions.other.routes[0]: matches the same requests as functions.hello.routes[2] (POST /a/{})");
    }
}
