package dev.gust.server;

import dev.gust.common.Durations;
import dev.gust.runtime.InstanceState;
import dev.gust.runtime.PoolStats;
import dev.gust.runtime.StemCellStats;
import dev.gust.store.AsyncEvent;
import dev.gust.store.ChildWork;
import dev.gust.store.FunctionVersion;
import dev.gust.store.InvocationRecord;
import dev.gust.store.LogLine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON shapes of the admin API, built from store and runtime values. Stateless. */
final class Views {
    private Views() {
    }

    /**
     * @param coldStarts the function's cold starts since the node started ({@link Metrics#coldStarts})
     */
    static Map<String, Object> function(FunctionVersion v, List<PoolStats> pools, Map<String, Object> coldStarts,
            boolean detail) {
        var spec = v.spec();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", spec.name());
        m.put("app", v.app());
        m.put("version", v.version());
        m.put("runtime", spec.runtime());
        m.put("handler", spec.handler());
        m.put("memory", spec.memoryMb());
        m.put("timeout", Durations.format(spec.timeout()));
        m.put("routes", spec.routes());
        m.put("instances", instances(spec.name(), pools));
        m.put("lastInvoked", pools.stream().filter(p -> p.function().equals(spec.name()))
                .flatMap(p -> p.lastInvoked().stream()).max(java.util.Comparator.naturalOrder())
                .map(Object::toString).orElse(null));
        m.put("createdAt", v.createdAt().toString());
        m.put("coldStarts", coldStarts);
        if (detail) {
            var c = spec.concurrency();
            m.put("concurrency", Map.of("min", c.min(), "max", c.max(), "per-instance", c.perInstance()));
            m.put("environment", spec.environment().keySet().stream().sorted().toList());
            m.put("network", spec.network() ? "default" : "none");
            m.put("codeSha256", spec.codeSha256());
        }
        return m;
    }

    private static Map<String, Integer> instances(String function, List<PoolStats> pools) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (InstanceState s : InstanceState.values()) {
            if (s != InstanceState.STOPPED) {
                counts.put(s.name().toLowerCase(), 0);
            }
        }
        pools.stream().filter(p -> p.function().equals(function)).forEach(p -> p.instances().forEach((s, n) -> {
            if (s != InstanceState.STOPPED) {
                counts.merge(s.name().toLowerCase(), n, Integer::sum);
            }
        }));
        return counts;
    }

    static Map<String, Object> invocation(InvocationRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("function", r.function());
        m.put("version", r.version());
        m.put("trigger", r.trigger());
        m.put("start", r.start().toString());
        m.put("durationMs", r.duration().toNanos() / 1_000_000.0);
        m.put("billedDurationMs", r.billedMillis());
        r.initDuration().ifPresent(d -> m.put("initDurationMs", d.toNanos() / 1_000_000.0));
        m.put("memoryMb", r.memoryMb());
        m.put("status", r.status().name());
        put(m, "errorType", r.errorType());
        put(m, "errorMessage", r.errorMessage());
        put(m, "instanceId", r.instanceId());
        m.put("traceId", r.traceId());
        m.put("spanId", r.spanId());
        put(m, "parentSpanId", r.parentSpanId());
        m.put("correlationId", r.correlationId());
        r.coldStart().ifPresent(c -> m.put("coldStart", ColdStarts.view(c)));
        return m;
    }

    static Map<String, Object> stemCells(StemCellStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("memoryMb", s.memoryMb());
        m.put("ready", s.ready());
        m.put("starting", s.starting());
        m.put("target", s.target());
        m.put("launched", s.launched());
        m.put("handedOver", s.handedOver());
        m.put("lost", s.lost());
        return m;
    }

    /** @return the record with what the invocation asked the platform to do, in order */
    static Map<String, Object> invocation(InvocationRecord r, List<ChildWork> children) {
        Map<String, Object> m = invocation(r);
        m.put("children", children.stream().map(Views::child).toList());
        return m;
    }

    static Map<String, Object> child(ChildWork w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", w.kind().label());
        m.put("target", w.target());
        put(m, "id", w.resultId());
        m.put("at", w.at().toString());
        m.put("ok", w.ok());
        put(m, "errorType", w.errorType());
        put(m, "errorMessage", w.errorMessage());
        return m;
    }

    static Map<String, Object> logLine(LogLine l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", l.time().toString());
        m.put("function", l.function());
        m.put("version", l.version());
        m.put("invocationId", l.invocationId());
        m.put("instanceId", l.instanceId());
        m.put("stream", l.stream());
        m.put("message", l.message());
        m.put("traceId", l.traceId());
        m.put("correlationId", l.correlationId());
        return m;
    }

    private static void put(Map<String, Object> m, String key, Optional<String> value) {
        value.ifPresent(v -> m.put(key, v));
    }

    static Map<String, Object> asyncInvocation(AsyncEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("targetKind", e.kind().label());
        m.put("target", e.function());
        m.put("function", e.kind() == AsyncEvent.Kind.FUNCTION ? e.function() : null);
        m.put("status", e.status().name());
        m.put("attempts", e.attempts());
        m.put("createdAt", e.createdAt().toString());
        m.put("nextAttemptAt", e.status() == AsyncEvent.Status.PENDING ? e.nextAttemptAt().toString() : null);
        m.put("lastError", e.lastError().orElse(null));
        m.put("lastInvocationId", e.lastInvocationId().orElse(null));
        m.put("correlationId", e.correlationId());
        return m;
    }
}
