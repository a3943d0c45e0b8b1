package dev.gust.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static RouteTable table(String... keys) {
        return RouteTable.build(Arrays.stream(keys).map(k -> new Binding(k, fn(k), "app")).toList()).orThrow();
    }

    /** @return a function name that tells which route matched */
    private static String fn(String key) {
        return key;
    }

    private static String matched(RouteTable t, String method, String path) {
        return t.match(method, path).map(m -> m.route().binding().function()).orElse("none");
    }

    private static List<Problem> problems(Binding... bindings) {
        var result = RouteTable.build(List.of(bindings));
        assertThat(result).isInstanceOf(RouteTable.Invalid.class);
        return ((RouteTable.Invalid) result).problems();
    }

    @Test
    void match_literalBeatsParameterBeatsGreedy() {
        RouteTable t = table("GET /a/b", "GET /a/{x}", "GET /a/{proxy+}");

        assertThat(matched(t, "GET", "/a/b")).isEqualTo("GET /a/b");
        assertThat(matched(t, "GET", "/a/c")).isEqualTo("GET /a/{x}");
        assertThat(matched(t, "GET", "/a/c/d")).isEqualTo("GET /a/{proxy+}");
    }

    @Test
    void match_decidesSegmentBySegmentFromTheLeft() {
        RouteTable t = table("GET /a/{x}/c", "GET /{y}/b/c");

        assertThat(matched(t, "GET", "/a/b/c")).isEqualTo("GET /a/{x}/c");
    }

    @Test
    void match_backtracksWhenTheLiteralBranchDeadEnds() {
        RouteTable t = table("GET /a/b/c", "GET /{x}/b/d");

        assertThat(matched(t, "GET", "/a/b/d")).isEqualTo("GET /{x}/b/d");
    }

    @Test
    void match_specificMethodBeatsAnyOnTheSamePath() {
        RouteTable t = table("ANY /a", "POST /a");

        assertThat(matched(t, "POST", "/a")).isEqualTo("POST /a");
        assertThat(matched(t, "GET", "/a")).isEqualTo("ANY /a");
        assertThat(matched(t, "PROPFIND", "/a")).isEqualTo("ANY /a");
    }

    @Test
    void match_pathSpecificityComesBeforeMethod() {
        RouteTable t = table("ANY /a/b", "GET /a/{x}");

        assertThat(matched(t, "GET", "/a/b")).isEqualTo("ANY /a/b");
    }

    @Test
    void match_pathOfAnotherMethodOnly_matchesNothing() {
        RouteTable t = table("GET /a", "POST /{x}");

        assertThat(matched(t, "DELETE", "/a")).isEqualTo("none");
        assertThat(matched(t, "POST", "/a")).isEqualTo("POST /{x}");
    }

    @Test
    void match_headFallsBackToGetOnlyWithoutHeadOrAny() {
        assertThat(matched(table("GET /a"), "HEAD", "/a")).isEqualTo("GET /a");
        assertThat(matched(table("GET /a", "HEAD /a"), "HEAD", "/a")).isEqualTo("HEAD /a");
        assertThat(matched(table("GET /a", "ANY /a"), "HEAD", "/a")).isEqualTo("ANY /a");
    }

    @Test
    void match_greedyNeedsAtLeastOneSegment() {
        RouteTable t = table("GET /files/{proxy+}");

        assertThat(matched(t, "GET", "/files")).isEqualTo("none");
        assertThat(matched(t, "GET", "/files/")).isEqualTo("none");
        assertThat(t.match("GET", "/files/a/b/c").orElseThrow().pathParameters()).isEqualTo(Map.of("proxy", "a/b/c"));
    }

    @Test
    void match_trailingSlashAndEmptySegmentsDoNotMatch() {
        RouteTable t = table("GET /hello", "GET /a/{x}/b");

        assertThat(matched(t, "GET", "/hello/")).isEqualTo("none");
        assertThat(matched(t, "GET", "/a//b")).isEqualTo("none");
    }

    @Test
    void match_rootRoute() {
        RouteTable t = table("GET /", "GET /{x}");

        assertThat(matched(t, "GET", "/")).isEqualTo("GET /");
        assertThat(matched(t, "GET", "/y")).isEqualTo("GET /{x}");
    }

    @Test
    void match_parametersAreDecodedPerSegment() {
        RouteTable t = table("GET /u/{name}/{rest+}");

        var m = t.match("GET", "/u/a%2Fb%20c/x%3Fy/z+w").orElseThrow();

        assertThat(m.pathParameters()).isEqualTo(Map.of("name", "a/b c", "rest", "x?y/z+w"));
    }

    @Test
    void match_literalsAreComparedDecoded() {
        RouteTable t = table("GET /caf%C3%A9", "GET /a%20b");

        assertThat(matched(t, "GET", "/caf%c3%a9")).isEqualTo("GET /caf%C3%A9");
        assertThat(matched(t, "GET", "/a%20b")).isEqualTo("GET /a%20b");
    }

    @Test
    void match_pathNotStartingWithSlash_matchesNothing() {
        RouteTable t = table("ANY /{proxy+}");

        assertThat(matched(t, "OPTIONS", "*")).isEqualTo("none");
        assertThat(matched(t, "GET", "")).isEqualTo("none");
    }

    @Test
    void empty_matchesNothing() {
        assertThat(RouteTable.empty().match("GET", "/").isEmpty()).isTrue();
        assertThat(RouteTable.empty().bindings()).isEmpty();
    }

    @Test
    void build_keepsBindingsInOrder() {
        var bindings = List.of(new Binding("GET /b", "f", "x"), new Binding("GET /a", "g", "y"));

        assertThat(RouteTable.build(bindings).orThrow().bindings()).isEqualTo(bindings);
    }

    @Test
    void build_sameShapeDifferentParameterNames_isAConflictNamingBoth() {
        List<Problem> p = problems(new Binding("GET /a/{x}", "f", "one"), new Binding("GET /a/{y}", "g", "two"));

        assertThat(p).singleElement().satisfies(problem -> {
            assertThat(problem.routeKey()).isEqualTo("GET /a/{y}");
            assertThat(problem.function()).isEqualTo("g");
            assertThat(problem.app()).isEqualTo("two");
            assertThat(problem.message()).contains("conflicts with GET /a/{x} (function f, app one)");
        });
    }

    @Test
    void build_sameRouteTwiceAcrossApps_isAConflict() {
        List<Problem> p = problems(new Binding("ANY /{proxy+}", "f", "one"), new Binding("ANY /{rest+}", "g", "two"));

        assertThat(p).singleElement().extracting(Problem::message).asString().contains("function f, app one");
    }

    @Test
    void build_differentMethodsOrShapes_doNotConflict() {
        var result = RouteTable.build(List.of(new Binding("GET /a/{x}", "f", "x"), new Binding("POST /a/{x}", "f", "x"),
                new Binding("ANY /a/{x}", "f", "x"), new Binding("GET /a/b", "f", "x"),
                new Binding("GET /a/{proxy+}", "f", "x")));

        assertThat(result).isInstanceOf(RouteTable.Built.class);
    }

    @Test
    void build_reportsEverySyntaxProblemAtOnce() {
        List<Problem> p = problems(
                new Binding("FETCH /a", "f", "x"),
                new Binding("GET a", "f", "x"),
                new Binding("GET /a//b", "f", "x"),
                new Binding("GET /a/", "f", "x"),
                new Binding("GET /a{b}", "f", "x"),
                new Binding("GET /{proxy+}/b", "f", "x"),
                new Binding("GET /{x}/{x}", "f", "x"),
                new Binding("GET /{a b}", "f", "x"),
                new Binding("GET", "f", "x"),
                new Binding("GET /a?b", "f", "x"),
                new Binding("GET /ok", " ", ""));

        assertThat(p).extracting(Problem::message).containsExactly(
                "routeKey: method 'FETCH' must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY",
                "routeKey: path 'a' must start with '/'",
                "routeKey: segment '' is empty: write paths without '//' or a trailing '/'",
                "routeKey: segment '' is empty: write paths without '//' or a trailing '/'",
                "routeKey: segment 'a{b}' mixes text and a parameter: a parameter is a whole segment, e.g. '{name}'",
                "routeKey: segment '{proxy+}' is greedy and must be the last segment",
                "routeKey: parameter 'x' appears more than once",
                "routeKey: must be 'METHOD /path', e.g. 'GET /hello/{name}'",
                "routeKey: must be 'METHOD /path', e.g. 'GET /hello/{name}'",
                "routeKey: segment 'a?b' may not contain spaces, control characters, '?' or '#'",
                "function: must not be blank",
                "app: must not be blank");
        assertThat(p.get(1).routeKey()).isEqualTo("GET a");
    }

    @Test
    void build_badParameterName_isNamed() {
        assertThat(problems(new Binding("GET /{}", "f", "x"), new Binding("GET /{a*}", "f", "x")))
                .extracting(Problem::message)
                .containsExactly("routeKey: segment '{}' mixes text and a parameter: a parameter is a whole segment, e.g. '{name}'",
                        "routeKey: segment '{a*}' has a bad parameter name: use letters, digits, '_', '-' or '.'");
    }

    @Test
    void build_brokenBindingIsNotAlsoReportedAsAConflict() {
        assertThat(problems(new Binding("GET /a/", "f", "x"), new Binding("GET /a/", "g", "x"))).hasSize(2)
                .allSatisfy(problem -> assertThat(problem.message()).doesNotContain("conflicts"));
    }

    @Test
    void orThrow_onInvalid_listsEveryProblem() {
        var result = RouteTable.build(List.of(new Binding("GET /a", "f", "x"), new Binding("GET /a", "g", "y"),
                new Binding("GIT /b", "h", "z")));

        assertThatThrownBy(result::orThrow).isInstanceOf(GatewayException.class)
                .hasMessageContaining("2 route problem(s)")
                .hasMessageContaining("GET /a (function g, app y)")
                .hasMessageContaining("GIT /b (function h, app z)");
    }
}
