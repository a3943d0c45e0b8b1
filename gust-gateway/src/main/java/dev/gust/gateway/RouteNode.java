package dev.gust.gateway;

import java.util.HashMap;
import java.util.Map;

/**
 * A node of the route trie: one path position. Filled while a table is built, read-only after,
 * so any thread may match against it.
 */
final class RouteNode {
    private static final int SLOTS = Method.values().length;

    private final Map<String, RouteNode> literals = new HashMap<>();
    private RouteNode param;
    /** Routes ending at this node, by method. */
    private Route[] ends;
    /** Routes with a greedy parameter at this node, by method. */
    private Route[] greedy;

    void add(Route route) {
        RouteNode node = this;
        for (Segment s : route.segments()) {
            switch (s) {
                case Segment.Literal l -> node = node.literals.computeIfAbsent(l.text(), k -> new RouteNode());
                case Segment.Param p -> node = node.param == null ? (node.param = new RouteNode()) : node.param;
                case Segment.Greedy g -> {
                    node.greedy = put(node.greedy, route);
                    return;
                }
            }
        }
        node.ends = put(node.ends, route);
    }

    /**
     * Depth first, literal before parameter before greedy, so the first route found is the most
     * specific one, segment by segment from the left.
     *
     * @return the matching route, or null
     */
    Route find(Method method, String[] segments, int i) {
        if (i == segments.length) {
            return pick(ends, method);
        }
        RouteNode literal = literals.get(segments[i]);
        Route found = literal == null ? null : literal.find(method, segments, i + 1);
        if (found == null && param != null && !segments[i].isEmpty()) {
            found = param.find(method, segments, i + 1);
        }
        if (found == null && greedy != null && !(i == segments.length - 1 && segments[i].isEmpty())) {
            found = pick(greedy, method);
        }
        return found;
    }

    /** A route naming the method beats ANY; HEAD falls back to GET when neither exists. */
    private static Route pick(Route[] slots, Method method) {
        if (slots == null) {
            return null;
        }
        Route r = method == null ? null : slots[method.ordinal()];
        if (r == null) {
            r = slots[Method.ANY.ordinal()];
        }
        if (r == null && method == Method.HEAD) {
            r = slots[Method.GET.ordinal()];
        }
        return r;
    }

    private static Route[] put(Route[] slots, Route route) {
        Route[] s = slots == null ? new Route[SLOTS] : slots;
        s[route.method().ordinal()] = route;
        return s;
    }
}
