package dev.gust.server;

import dev.gust.store.ColdStart;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One function's cold starts since the node started, by mode and by reason. A cold start whose
 * invocation carried no breakdown counts under {@link #UNKNOWN} in both. Thread-safe.
 */
final class ColdStartCounts {
    /** The mode and reason of a cold start the runtime gave no breakdown for. */
    static final String UNKNOWN = "UNKNOWN";
    private final LongAdder total = new LongAdder();
    private final ConcurrentMap<String, LongAdder> byMode = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> byReason = new ConcurrentHashMap<>();

    void add(String mode, String reason) {
        total.increment();
        byMode.computeIfAbsent(mode, k -> new LongAdder()).increment();
        byReason.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    /**
     * @param counts a function's counts, or {@code null} when it had no cold start
     * @return {@code {total, byMode, byReason}}: every mode and reason, zeros included, in declaration
     *     order; {@code UNKNOWN} last and only when some cold start had no breakdown
     */
    static Map<String, Object> view(ColdStartCounts counts) {
        ColdStartCounts c = counts == null ? new ColdStartCounts() : counts;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", c.total.sum());
        m.put("byMode", c.counts(c.byMode, ColdStart.Mode.values()));
        m.put("byReason", c.counts(c.byReason, ColdStart.Reason.values()));
        return m;
    }

    private Map<String, Long> counts(ConcurrentMap<String, LongAdder> tally, Enum<?>[] known) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Enum<?> k : known) {
            m.put(k.name(), sum(tally, k.name()));
        }
        if (sum(tally, UNKNOWN) > 0) {
            m.put(UNKNOWN, sum(tally, UNKNOWN));
        }
        return m;
    }

    private static long sum(ConcurrentMap<String, LongAdder> tally, String key) {
        LongAdder a = tally.get(key);
        return a == null ? 0 : a.sum();
    }
}
