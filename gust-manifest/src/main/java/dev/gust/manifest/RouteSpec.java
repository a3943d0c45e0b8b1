package dev.gust.manifest;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A gateway route, {@code METHOD /path}.
 *
 * <p>METHOD is one of {@link #METHODS}. The path starts with {@code /}; each segment is a literal
 * ({@code [A-Za-z0-9._~-]+}), a parameter {@code {name}} (a Java identifier, unique within the
 * route), or, as the last segment only, a greedy parameter {@code {name+}} that takes the rest of
 * the path. {@code /} alone is the root. Which route wins a request is the gateway's business.
 *
 * @param method e.g. {@code GET}, or {@code ANY}
 * @param path the path as written, e.g. {@code /hello/{name}}
 * @param segments the path's segments, in order
 */
public record RouteSpec(String method, String path, List<Segment> segments) {
    /** The methods a route may name; {@code ANY} matches every method. */
    public static final List<String> METHODS =
            List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");

    public RouteSpec {
        segments = List.copyOf(segments);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method must be one of " + String.join(", ", METHODS) + ", was " + method);
        }
        if (!path.equals(render(segments))) {
            throw new IllegalArgumentException("path " + path + " does not match its segments " + segments);
        }
    }

    /**
     * @param text a route as written in a manifest, e.g. {@code GET /hello/{name}}
     * @return the route
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static RouteSpec parse(String text) {
        return switch (RouteParser.parse(text)) {
            case Checked.Ok<RouteSpec> ok -> ok.value();
            case Checked.Bad<RouteSpec> bad -> throw new IllegalArgumentException(bad.message());
        };
    }

    /** @return the route key as the gateway's events carry it, e.g. {@code GET /hello/{name}} */
    public String key() {
        return method + " " + path;
    }

    /**
     * @return the key with parameter names left out, e.g. {@code GET /hello/{}}: two routes with
     *     the same shape match the same requests
     */
    public String shape() {
        return method + " /" + segments.stream().map(Segment::shape).collect(Collectors.joining("/"));
    }

    static String render(List<Segment> segments) {
        return "/" + segments.stream().map(Segment::text).collect(Collectors.joining("/"));
    }

    /** One segment of a route's path. */
    public sealed interface Segment {
        /** @return the segment as written */
        String text();

        /** @return the segment with any parameter name left out */
        String shape();
    }

    /** @param value a segment matched exactly, e.g. {@code hello} */
    public record Literal(String value) implements Segment {
        public Literal {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String text() {
            return value;
        }

        @Override
        public String shape() {
            return value;
        }
    }

    /** @param name a parameter matching one segment, written {@code {name}} */
    public record Param(String name) implements Segment {
        public Param {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String text() {
            return "{" + name + "}";
        }

        @Override
        public String shape() {
            return "{}";
        }
    }

    /** @param name a parameter matching the rest of the path (one segment or more), written {@code {name+}} */
    public record Greedy(String name) implements Segment {
        public Greedy {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String text() {
            return "{" + name + "+}";
        }

        @Override
        public String shape() {
            return "{+}";
        }
    }
}
