package dev.gust.common;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C trace context position: the trace, this span, and the parent span it came from.
 *
 * @param traceId 32 lowercase hex digits, not all zero
 * @param spanId 16 lowercase hex digits, not all zero: the span of this hop
 * @param parentSpanId the span that called this one, when there was one
 * @param sampled the sampled flag
 */
public record TraceContext(String traceId, String spanId, Optional<String> parentSpanId, boolean sampled) {
    private static final Pattern TRACEPARENT =
            Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");

    /** @return a fresh trace with a root span */
    public static TraceContext newRoot() {
        return new TraceContext(Ids.randomHex(16), Ids.randomHex(8), Optional.empty(), true);
    }

    /**
     * Continues a trace that arrived in a {@code traceparent} header: a new span whose parent is the
     * caller's span. An invalid header starts a new trace, as the specification asks.
     *
     * @param traceparent the header value, possibly absent
     * @return the context of this hop
     */
    public static TraceContext continueFrom(Optional<String> traceparent) {
        return traceparent.flatMap(TraceContext::parse)
                .map(TraceContext::child)
                .orElseGet(TraceContext::newRoot);
    }

    /**
     * @param header a {@code traceparent} value
     * @return the context it names, or empty when it is malformed
     */
    public static Optional<TraceContext> parse(String header) {
        var m = TRACEPARENT.matcher(header.trim());
        if (!m.matches() || m.group(1).equals("ff")
                || (m.group(1).equals("00") && m.group(5) != null)
                || isZero(m.group(2)) || isZero(m.group(3))) {
            return Optional.empty();
        }
        boolean sampled = (Integer.parseInt(m.group(4), 16) & 1) == 1;
        return Optional.of(new TraceContext(m.group(2), m.group(3), Optional.empty(), sampled));
    }

    /** @return a new span in the same trace whose parent is this span */
    public TraceContext child() {
        return new TraceContext(traceId, Ids.randomHex(8), Optional.of(spanId), sampled);
    }

    /** @return this position as a {@code traceparent} header value */
    public String traceparent() {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    private static boolean isZero(String hex) {
        return hex.chars().allMatch(c -> c == '0');
    }
}
