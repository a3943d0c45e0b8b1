package dev.gust.gateway;

/** One segment of a route's path. */
sealed interface Segment {

    /** @param text the decoded text the request segment must equal */
    record Literal(String text) implements Segment {
    }

    /** @param name captures one non-empty segment */
    record Param(String name) implements Segment {
    }

    /** @param name captures the rest of the path, at least one character; only last */
    record Greedy(String name) implements Segment {
    }
}
