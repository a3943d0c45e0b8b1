package dev.gust.gateway;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads route keys, collecting every problem of a binding rather than stopping at the first. */
final class RouteParser {
    private static final String FORM = "routeKey: must be 'METHOD /path', e.g. 'GET /hello/{name}'";

    private RouteParser() {
    }

    /**
     * @param b a binding
     * @param problems where the binding's problems are added
     * @return the route, or null when the binding has a problem
     */
    static Route parse(Binding b, List<Problem> problems) {
        int before = problems.size();
        if (b.function().isBlank()) {
            problems.add(Problem.of(b, "function: must not be blank"));
        }
        if (b.app().isBlank()) {
            problems.add(Problem.of(b, "app: must not be blank"));
        }
        String[] parts = b.routeKey().strip().split("\\s+");
        if (parts.length != 2) {
            problems.add(Problem.of(b, FORM));
            return null;
        }
        Method method = Method.of(parts[0]);
        if (method == null) {
            problems.add(Problem.of(b, "routeKey: method '" + parts[0] + "' must be one of " + Method.ALLOWED));
        }
        List<Segment> segments = segments(b, parts[1], problems);
        return problems.size() > before ? null : new Route(b, method, parts[0] + " " + parts[1], segments);
    }

    private static List<Segment> segments(Binding b, String path, List<Problem> problems) {
        if (!path.startsWith("/")) {
            problems.add(Problem.of(b, "routeKey: path '" + path + "' must start with '/'"));
            return List.of();
        }
        if (path.equals("/")) {
            return List.of();
        }
        String[] raw = path.substring(1).split("/", -1);
        List<Segment> segments = new ArrayList<>(raw.length);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < raw.length; i++) {
            Segment s = segment(b, raw[i], i == raw.length - 1, problems);
            if (s != null && !(s instanceof Segment.Literal) && !names.add(name(s))) {
                problems.add(Problem.of(b, "routeKey: parameter '" + name(s) + "' appears more than once"));
            }
            segments.add(s);
        }
        return segments;
    }

    private static Segment segment(Binding b, String raw, boolean last, List<Problem> problems) {
        String trouble = trouble(raw, last);
        if (trouble != null) {
            problems.add(Problem.of(b, "routeKey: segment '" + raw + "' " + trouble));
            return null;
        }
        if (!raw.startsWith("{")) {
            return new Segment.Literal(Percent.decode(raw, false));
        }
        String inner = raw.substring(1, raw.length() - 1);
        return inner.endsWith("+")
                ? new Segment.Greedy(inner.substring(0, inner.length() - 1))
                : new Segment.Param(inner);
    }

    /** @return what is wrong with a segment, or null when it is fine */
    private static String trouble(String raw, boolean last) {
        if (raw.isEmpty()) {
            return "is empty: write paths without '//' or a trailing '/'";
        }
        boolean braced = raw.startsWith("{") && raw.endsWith("}") && raw.length() > 2;
        if (!braced) {
            return literalTrouble(raw);
        }
        String inner = raw.substring(1, raw.length() - 1);
        boolean greedy = inner.endsWith("+");
        if (greedy && !last) {
            return "is greedy and must be the last segment";
        }
        return nameTrouble(greedy ? inner.substring(0, inner.length() - 1) : inner);
    }

    private static String literalTrouble(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '{' || c == '}') {
                return "mixes text and a parameter: a parameter is a whole segment, e.g. '{name}'";
            }
            if (c <= ' ' || c == '?' || c == '#' || c == 0x7f) {
                return "may not contain spaces, control characters, '?' or '#'";
            }
        }
        return null;
    }

    private static String nameTrouble(String name) {
        boolean ok = !name.isEmpty();
        for (int i = 0; ok && i < name.length(); i++) {
            char c = name.charAt(i);
            ok = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.');
        }
        return ok ? null : "has a bad parameter name: use letters, digits, '_', '-' or '.'";
    }

    private static String name(Segment s) {
        return switch (s) {
            case Segment.Param p -> p.name();
            case Segment.Greedy g -> g.name();
            case Segment.Literal l -> l.text();
        };
    }
}
