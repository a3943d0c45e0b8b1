package dev.gust.gateway;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed binding.
 *
 * @param binding what the user wrote
 * @param method the route's method
 * @param key the canonical route key, {@code METHOD /path}
 * @param segments the path's segments; empty for {@code /}
 */
record Route(Binding binding, Method method, String key, List<Segment> segments) {
    Route {
        segments = List.copyOf(segments);
    }

    /** @return what two routes must share to conflict: method and path shape, not parameter names */
    String shape() {
        var sb = new StringBuilder(method.name()).append(' ');
        for (Segment s : segments) {
            sb.append('/').append(switch (s) {
                case Segment.Literal l -> "=" + l.text();
                case Segment.Param p -> "{}";
                case Segment.Greedy g -> "{+}";
            });
        }
        return sb.toString();
    }

    /**
     * @param decoded the request's decoded segments, which this route matched
     * @return the values of the route's parameters
     */
    Map<String, String> parameters(String[] decoded) {
        Map<String, String> params = null;
        for (int i = 0; i < segments.size(); i++) {
            switch (segments.get(i)) {
                case Segment.Param p -> params = put(params, p.name(), decoded[i]);
                case Segment.Greedy g -> params = put(params, g.name(), rest(decoded, i));
                case Segment.Literal l -> { }
            }
        }
        return params == null ? Map.of() : params;
    }

    private static Map<String, String> put(Map<String, String> map, String k, String v) {
        var m = map == null ? new HashMap<String, String>(4) : map;
        m.put(k, v);
        return m;
    }

    private static String rest(String[] decoded, int from) {
        return String.join("/", java.util.Arrays.asList(decoded).subList(from, decoded.length));
    }
}
