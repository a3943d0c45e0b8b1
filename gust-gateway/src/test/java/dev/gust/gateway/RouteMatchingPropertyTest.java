package dev.gust.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Route matching against a brute-force reference: every route is tried on its own and the most
 * specific match is chosen by comparing segment kinds from the left, then method.
 */
class RouteMatchingPropertyTest {
    private static final List<String> LITERALS = List.of("a", "b", "c");

    /** A table and a request generated from one of its routes. */
    record Case(RouteTable table, List<Route> routes, Route source, String method, String rawPath) {
    }

    @Property(tries = 500)
    void match_isTheMostSpecificMatchingRoute_andAtLeastAsSpecificAsTheSource(@ForAll("cases") Case c) {
        Optional<RouteMatch> m = c.table().match(c.method(), c.rawPath());

        assertThat(m).as("a path made from %s matches something", c.source().key()).isPresent();
        Route expected = reference(c.routes(), c.method(), decoded(c.rawPath())).orElseThrow();
        assertThat(m.get().route().key()).isEqualTo(expected.key());
        assertThat(specificity(c.method()).compare(m.get().route(), c.source())).isLessThanOrEqualTo(0);
    }

    @Property(tries = 500)
    void match_isTheSourceRoute_whenNothingMoreSpecificMatches(@ForAll("cases") Case c) {
        List<String> segments = decoded(c.rawPath());
        boolean moreSpecificExists = c.routes().stream()
                .anyMatch(r -> matches(r, c.method(), segments) && specificity(c.method()).compare(r, c.source()) < 0);

        Route found = c.table().match(c.method(), c.rawPath()).orElseThrow().route();

        if (!moreSpecificExists) {
            assertThat(found.key()).isEqualTo(c.source().key());
        }
    }

    @Property(tries = 500)
    void match_pathParametersReproduceThePath(@ForAll("cases") Case c) {
        RouteMatch m = c.table().match(c.method(), c.rawPath()).orElseThrow();

        String rebuilt = m.route().segments().stream().map(s -> switch (s) {
            case Segment.Literal l -> l.text();
            case Segment.Param p -> m.pathParameters().get(p.name());
            case Segment.Greedy g -> m.pathParameters().get(g.name());
        }).collect(Collectors.joining("/"));

        assertThat(rebuilt).isEqualTo(String.join("/", decoded(c.rawPath())));
        assertThat(m.pathParameters()).hasSize((int) m.route().segments().stream()
                .filter(s -> !(s instanceof Segment.Literal)).count());
    }

    @Property(tries = 1000)
    void match_neverThrows_onAnyPath(@ForAll("cases") Case c, @ForAll("anyPaths") String path,
            @ForAll("anyMethods") String method) {
        Optional<RouteMatch> m = c.table().match(method, path);

        m.ifPresent(found -> assertThat(found.pathParameters()).doesNotContainValue(null));
    }

    @Provide
    Arbitrary<String> anyPaths() {
        Arbitrary<String> weird = Arbitraries.strings().withChars("/%{}+ a1é\u0000?#.").ofMaxLength(30);
        return Arbitraries.oneOf(weird, weird.map(s -> "/" + s), Arbitraries.strings().all().ofMaxLength(30));
    }

    @Provide
    Arbitrary<String> anyMethods() {
        return Arbitraries.oneOf(Arbitraries.of("GET", "POST", "HEAD", "ANY", "PROPFIND", ""),
                Arbitraries.strings().ofMaxLength(8));
    }

    @Provide
    Arbitrary<Case> cases() {
        return route().list().ofMinSize(1).ofMaxSize(10).flatMap(generated -> {
            List<Route> routes = withoutConflicts(generated);
            RouteTable table = RouteTable.build(routes.stream().map(Route::binding).toList()).orThrow();
            return Arbitraries.of(routes).flatMap(source -> Combinators.combine(method(source), path(source))
                    .as((method, path) -> new Case(table, routes, source, method, path)));
        });
    }

    private static Arbitrary<Route> route() {
        Arbitrary<String> method = Arbitraries.of("GET", "POST", "ANY");
        Arbitrary<List<String>> segments = Arbitraries.of("lit", "param").list().ofMaxSize(4);
        Arbitrary<Boolean> greedy = Arbitraries.of(true, false);
        Arbitrary<String> literal = Arbitraries.of(LITERALS);
        return Combinators.combine(method, segments, greedy, literal.list().ofSize(4)).as((m, kinds, g, lits) -> {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < kinds.size(); i++) {
                parts.add(kinds.get(i).equals("lit") ? lits.get(i) : "{p" + i + "}");
            }
            if (g) {
                parts.add("{proxy+}");
            }
            String key = m + " /" + String.join("/", parts);
            var problems = new ArrayList<Problem>();
            Route r = RouteParser.parse(new Binding(key, key, "app"), problems);
            assertThat(problems).isEmpty();
            return r;
        });
    }

    private static List<Route> withoutConflicts(List<Route> routes) {
        Map<String, Route> byShape = new LinkedHashMap<>();
        routes.forEach(r -> byShape.putIfAbsent(r.shape(), r));
        return List.copyOf(byShape.values());
    }

    private static Arbitrary<String> method(Route source) {
        return source.method() == Method.ANY ? Arbitraries.of("GET", "POST", "PUT", "HEAD") : Arbitraries.just(source.method().name());
    }

    /** @return a raw path the source route matches: parameters filled with values, encoded */
    private static Arbitrary<String> path(Route source) {
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of(LITERALS),
                Arbitraries.strings().withChars("abcxyz09 ._~-+é/%").ofMinLength(1).ofMaxLength(6));
        return value.list().ofSize(source.segments().size() + 2).map(values -> {
            var sb = new StringBuilder();
            for (int i = 0; i < source.segments().size(); i++) {
                sb.append('/').append(switch (source.segments().get(i)) {
                    case Segment.Literal l -> encode(l.text());
                    case Segment.Param p -> encode(values.get(i));
                    case Segment.Greedy g -> encode(values.get(i)) + "/" + encode(values.get(i + 1));
                });
            }
            return sb.isEmpty() ? "/" : sb.toString();
        });
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<String> decoded(String rawPath) {
        if (rawPath.equals("/")) {
            return List.of();
        }
        return Arrays.stream(rawPath.substring(1).split("/", -1))
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
    }

    private static Optional<Route> reference(List<Route> routes, String method, List<String> segments) {
        return routes.stream().filter(r -> matches(r, method, segments)).min(specificity(method));
    }

    private static boolean matches(Route r, String method, List<String> path) {
        return methodRank(r, method) < 3 && pathMatches(r.segments(), path);
    }

    private static boolean pathMatches(List<Segment> route, List<String> path) {
        boolean greedy = !route.isEmpty() && route.getLast() instanceof Segment.Greedy;
        int fixed = greedy ? route.size() - 1 : route.size();
        if (greedy ? path.size() < route.size() : path.size() != route.size()) {
            return false;
        }
        for (int i = 0; i < fixed; i++) {
            boolean ok = switch (route.get(i)) {
                case Segment.Literal l -> l.text().equals(path.get(i));
                case Segment.Param p -> !path.get(i).isEmpty();
                case Segment.Greedy g -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return !greedy || !String.join("/", path.subList(fixed, path.size())).isEmpty();
    }

    /** Most specific first: segment kinds from the left, then the method. */
    private static Comparator<Route> specificity(String method) {
        return (x, y) -> {
            for (int i = 0; i < Math.min(x.segments().size(), y.segments().size()); i++) {
                int c = Integer.compare(rank(x.segments().get(i)), rank(y.segments().get(i)));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(methodRank(x, method), methodRank(y, method));
        };
    }

    private static int rank(Segment s) {
        return switch (s) {
            case Segment.Literal l -> 0;
            case Segment.Param p -> 1;
            case Segment.Greedy g -> 2;
        };
    }

    /** @return 0 for the request's own method, 1 for ANY, 2 for GET serving HEAD, 3 for no match */
    private static int methodRank(Route r, String method) {
        if (r.method().name().equals(method)) {
            return 0;
        }
        if (r.method() == Method.ANY) {
            return 1;
        }
        return method.equals("HEAD") && r.method() == Method.GET ? 2 : 3;
    }
}
