package dev.gust.bench;

import dev.gust.bench.Stats.Figure;
import java.util.LinkedHashMap;
import java.util.Map;

/** The targets for this machine, checked against the medians. */
final class Targets {
    private Targets() {
    }

    static Map<String, Object> evaluate(Map<String, Figure> f) {
        Map<String, Object> t = new LinkedHashMap<>();
        check(t, "warm p50 <= 1 ms at 1 connection", f.get("gateway.p50"), 1.0, true);
        check(t, "throughput at 32 >= 50% of in-process", f.get("ratio.throughput32"), 0.5, false);
        check(t, "cold start p50 <= 250 ms", f.get("cold.first"), 250, true);
        check(t, "stem-cell cold start p50 <= 30 ms", f.get("cold.stem.p50"), 30, true);
        check(t, "stem-cell cold start p99 <= 100 ms", f.get("cold.stem.p99"), 100, true);
        check(t, "plain + AOT cache cold start p50 <= 200 ms", f.get("cold.aot.p50"), 200, true);
        check(t, "burst of 100 first requests to 10 cold functions: all served", f.get("cold.burst.failed"), 0, true);
        check(t, "idle instance <= 60 MB RSS", f.get("idle.rss"), 60, true);
        check(t, "queue end to end >= 5,000 msg/s at batch 10", f.get("queue.batch10"), 5_000, false);
        check(t, "publish -> target start p50 <= 10 ms", f.get("events.p50"), 10, true);
        check(t, "async invoke accepted p50 <= 2 ms", f.get("async.p50"), 2, true);
        check(t, "workflow Pass chain >= 2,000 durable transitions/s", f.get("wf.passchain.node"), 2_000, false);
        check(t, "workflow Map of 1,000 items over a function <= 5 s", f.get("wf.map1000"), 5, true);
        return t;
    }

    private static void check(Map<String, Object> t, String name, Figure f, double bound, boolean atMost) {
        if (f == null) {
            t.put(name, Map.of("met", false, "why", "not measured"));
            return;
        }
        boolean met = atMost ? f.median() <= bound : f.median() >= bound;
        t.put(name, Map.of("met", met, "median", f.median()));
    }

    static void print(Map<String, Figure> figures) {
        System.out.println("\ntargets:");
        evaluate(figures).forEach((name, v) -> System.out.println("  " + (((Map<?, ?>) v).get("met")
                .equals(true) ? "met     " : "NOT MET ") + name + "  " + v));
    }
}
