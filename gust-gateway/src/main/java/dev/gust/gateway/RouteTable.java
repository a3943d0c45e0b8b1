package dev.gust.gateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The routes of a node: which function each {@code METHOD /path} invokes. Immutable and safe to
 * share between threads; a deploy builds a new table and swaps it in whole.
 *
 * <p>Matching follows API Gateway HTTP APIs: the most specific route wins. Segment by segment from
 * the left, a literal beats a {@code {param}}, which beats a greedy {@code {proxy+}}; between
 * routes of the same path, one naming the request's method beats {@code ANY}. A HEAD request
 * falls back to a GET route when no HEAD or ANY route matches. A {@code {param}} matches one
 * non-empty segment; a greedy parameter matches the rest of the path, at least one character.
 * Paths are matched as written: {@code /hello/} does not match {@code /hello}.
 */
public final class RouteTable {
    private static final RouteTable EMPTY = new RouteTable(List.of(), List.of());

    private final List<Binding> bindings;
    private final RouteNode root = new RouteNode();

    private RouteTable(List<Binding> bindings, List<Route> routes) {
        this.bindings = List.copyOf(bindings);
        routes.forEach(root::add);
    }

    /**
     * Checks every binding and builds the table, or reports every problem: bad route keys, blank
     * names, and conflicts (two bindings with the same method and path shape, whatever their
     * parameters are called).
     *
     * @param bindings the routes of every app on the node
     * @return the table, or every problem
     */
    public static Result build(List<Binding> bindings) {
        List<Problem> problems = new ArrayList<>();
        List<Route> routes = new ArrayList<>(bindings.size());
        Map<String, Route> byShape = new HashMap<>();
        for (Binding b : bindings) {
            Route r = RouteParser.parse(b, problems);
            Route earlier = r == null ? null : byShape.putIfAbsent(r.shape(), r);
            if (earlier != null) {
                problems.add(Problem.of(b, "conflicts with " + earlier.binding()
                        + ": same method and path shape (parameter names do not tell routes apart)"));
            } else if (r != null) {
                routes.add(r);
            }
        }
        return problems.isEmpty() ? new Built(new RouteTable(bindings, routes)) : new Invalid(problems);
    }

    /** @return a table with no routes: every request is answered 404 */
    public static RouteTable empty() {
        return EMPTY;
    }

    /** @return the bindings this table was built from, in their order */
    public List<Binding> bindings() {
        return bindings;
    }

    /**
     * @param method the request method
     * @param rawPath the request path, undecoded, starting with {@code /}
     * @return the most specific route and its parameters, or empty when none matches
     */
    Optional<RouteMatch> match(String method, String rawPath) {
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return Optional.empty();
        }
        String[] segments = decodedSegments(rawPath);
        Route r = root.find(Method.of(method), segments, 0);
        return r == null ? Optional.empty() : Optional.of(new RouteMatch(r, r.parameters(segments)));
    }

    private static String[] decodedSegments(String rawPath) {
        if (rawPath.length() == 1) {
            return new String[0];
        }
        String[] segments = rawPath.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            segments[i] = Percent.decode(segments[i], false);
        }
        return segments;
    }

    @Override
    public String toString() {
        return "RouteTable" + bindings;
    }

    /** The outcome of {@link #build}: a table or the problems that prevent one. */
    public sealed interface Result {

        /**
         * @return the table
         * @throws GatewayException listing every problem, when there are any
         */
        RouteTable orThrow();
    }

    /** @param table the built table */
    public record Built(RouteTable table) implements Result {
        @Override
        public RouteTable orThrow() {
            return table;
        }
    }

    /** @param problems every problem, in the order of the bindings */
    public record Invalid(List<Problem> problems) implements Result {
        public Invalid {
            problems = List.copyOf(problems);
        }

        @Override
        public RouteTable orThrow() {
            throw new GatewayException(problems.size() + " route problem(s): " + problems.stream()
                    .map(Problem::toString).collect(Collectors.joining("; ")));
        }
    }
}
