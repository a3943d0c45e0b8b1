package dev.gust.server;

import dev.gust.store.ColdStart;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The parts of a cold-start breakdown by the names the admin API and metrics give them. Stateless. */
final class ColdStarts {
    private ColdStarts() {
    }

    /** @return the parts in the order they happen, keyed by their metric label ({@code queue_wait}, ...) */
    static Map<String, Duration> parts(ColdStart c) {
        Map<String, Duration> m = new LinkedHashMap<>();
        m.put("queue_wait", c.queueWait());
        m.put("sandbox", c.sandbox());
        m.put("jvm", c.jvm());
        m.put("hand_over", c.handOver());
        m.put("class_load", c.classLoad());
        m.put("init", c.init());
        return m;
    }

    /** @return the sum of the parts, saturating rather than overflowing */
    static Duration total(ColdStart c) {
        long nanos = 0;
        for (Duration d : parts(c).values()) {
            nanos = saturatedAdd(nanos, d.toNanos());
        }
        return Duration.ofNanos(nanos);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * @return the breakdown as the admin API shows it: {@code mode}, {@code reason} and each part in
     *     milliseconds with microsecond precision ({@code queueWaitMs}, ...)
     */
    static Map<String, Object> view(ColdStart c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", c.mode().name());
        m.put("reason", c.reason().name());
        m.put("queueWaitMs", millis(c.queueWait()));
        m.put("sandboxMs", millis(c.sandbox()));
        m.put("jvmMs", millis(c.jvm()));
        m.put("handOverMs", millis(c.handOver()));
        m.put("classLoadMs", millis(c.classLoad()));
        m.put("initMs", millis(c.init()));
        return m;
    }

    /** Whole microseconds as milliseconds: nanoseconds would be noise in a JSON number. */
    static double millis(Duration d) {
        return Math.round(d.toNanos() / 1_000.0) / 1_000.0;
    }
}
