package dev.gust.manifest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code METHOD /path} route strings; every rejection says what is allowed. */
final class RouteParser {
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final String FORM = "must be \"METHOD /path\" like \"GET /hello/{name}\"";

    private RouteParser() {
    }

    static Checked<RouteSpec> parse(String text) {
        String[] parts = text.strip().split("\\s+", -1);
        if (parts.length != 2) {
            return Checked.bad(FORM + ", was " + Texts.quote(text));
        }
        if (!RouteSpec.METHODS.contains(parts[0])) {
            return Checked.bad("method must be one of " + String.join(", ", RouteSpec.METHODS)
                    + ", was " + Texts.quote(parts[0]));
        }
        return segments(parts[1]).map(segments -> new RouteSpec(parts[0], RouteSpec.render(segments), segments));
    }

    private static Checked<List<RouteSpec.Segment>> segments(String path) {
        if (!path.startsWith("/")) {
            return Checked.bad("path must start with /, was " + Texts.quote(path));
        }
        if (path.equals("/")) {
            return Checked.ok(List.of());
        }
        String[] texts = path.substring(1).split("/", -1);
        List<RouteSpec.Segment> segments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < texts.length; i++) {
            var segment = segment(texts[i], i == texts.length - 1, names);
            if (segment instanceof Checked.Bad<RouteSpec.Segment> bad) {
                return Checked.bad("segment " + (i + 1) + " of " + path + ": " + bad.message());
            }
            segments.add(((Checked.Ok<RouteSpec.Segment>) segment).value());
        }
        return Checked.ok(segments);
    }

    private static Checked<RouteSpec.Segment> segment(String text, boolean last, Set<String> names) {
        if (text.isEmpty()) {
            return Checked.bad("is empty (a doubled or trailing /)");
        }
        if (text.startsWith("{") && text.endsWith("}") && text.length() >= 2) {
            return param(text.substring(1, text.length() - 1), last, names);
        }
        if (!LITERAL.matcher(text).matches()) {
            return Checked.bad("must be a literal of letters, digits and ._~- or a whole {parameter}, was "
                    + Texts.quote(text));
        }
        return Checked.ok(new RouteSpec.Literal(text));
    }

    private static Checked<RouteSpec.Segment> param(String inner, boolean last, Set<String> names) {
        boolean greedy = inner.endsWith("+");
        String name = greedy ? inner.substring(0, inner.length() - 1) : inner;
        if (!IDENTIFIER.matcher(name).matches()) {
            return Checked.bad("parameter name must be a Java identifier, was " + Texts.quote(name));
        }
        if (greedy && !last) {
            return Checked.bad("greedy parameter {" + inner + "} may only be the last segment");
        }
        if (!names.add(name)) {
            return Checked.bad("parameter name " + name + " is used twice");
        }
        return Checked.ok(greedy ? new RouteSpec.Greedy(name) : new RouteSpec.Param(name));
    }
}
