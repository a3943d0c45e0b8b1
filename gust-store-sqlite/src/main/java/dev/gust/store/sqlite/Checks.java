package dev.gust.store.sqlite;

import dev.gust.store.ChildWork;
import dev.gust.store.ColdStart;
import dev.gust.store.FunctionSpec;
import dev.gust.store.InvocationRecord;
import dev.gust.store.InvocationStore;
import dev.gust.store.LogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses input the store cannot keep faithfully, before anything is written: every problem at
 * once, each with the field it concerns, in an {@link IllegalArgumentException}.
 */
final class Checks {
    static final int MAX_QUERY_LIMIT = 1000;

    private Checks() {
    }

    static void publish(String app, List<FunctionSpec> specs) {
        List<String> problems = new ArrayList<>();
        blank(problems, "app", app);
        Set<String> names = new HashSet<>();
        for (int i = 0; specs != null && i < specs.size(); i++) {
            spec(problems, "specs[" + i + "]", specs.get(i), names);
        }
        if (specs == null) {
            problems.add("specs: must be a list, was null");
        }
        throwIfAny(problems);
    }

    private static void spec(List<String> problems, String path, FunctionSpec s, Set<String> names) {
        if (s == null) {
            problems.add(path + ": must be a function spec, was null");
            return;
        }
        blank(problems, path + ".name", s.name());
        if (s.name() != null && !names.add(s.name())) {
            problems.add(path + ".name: " + s.name() + " appears more than once in one publish");
        }
        blank(problems, path + ".runtime", s.runtime());
        blank(problems, path + ".handler", s.handler());
        blank(problems, path + ".codeSha256", s.codeSha256());
        if (s.memoryMb() < 128 || s.memoryMb() > 10240) {
            problems.add(path + ".memoryMb: must be 128..10240, was " + s.memoryMb());
        }
        timeout(problems, path + ".timeout", s.timeout());
        concurrency(problems, path + ".concurrency", s.concurrency());
        async(problems, path + ".async", s.async());
    }

    private static void async(List<String> problems, String path, FunctionSpec.Async a) {
        if (a.maxRetries() < 0 || a.maxRetries() > 10) {
            problems.add(path + ".maxRetries: must be 0..10, was " + a.maxRetries());
        }
        if (a.maxEventAge() == null || a.maxEventAge().compareTo(Duration.ofSeconds(60)) < 0
                || a.maxEventAge().compareTo(Duration.ofHours(6)) > 0) {
            problems.add(path + ".maxEventAge: must be 60s..6h, was " + a.maxEventAge());
        }
    }

    private static void timeout(List<String> problems, String path, Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofDays(365)) > 0) {
            problems.add(path + ": must be positive and at most 365 days, was " + timeout);
        }
    }

    private static void concurrency(List<String> problems, String path, FunctionSpec.Concurrency c) {
        if (c == null) {
            problems.add(path + ": must be present, was null");
        } else if (c.min() < 0 || c.max() < 1 || c.min() > c.max() || c.perInstance() < 1) {
            problems.add(path + ": must have 0 <= min <= max, max >= 1 and perInstance >= 1, was " + c);
        }
    }

    static void record(InvocationRecord r) {
        List<String> problems = new ArrayList<>();
        notNull(problems, "record.id", r.id());
        notNull(problems, "record.function", r.function());
        notNull(problems, "record.trigger", r.trigger());
        instant(problems, "record.start", r.start());
        duration(problems, "record.duration", r.duration());
        notNull(problems, "record.initDuration", r.initDuration());
        if (r.initDuration() != null && r.initDuration().isPresent()) {
            duration(problems, "record.initDuration", r.initDuration().get());
        }
        notNull(problems, "record.status", r.status());
        notNull(problems, "record.errorType", r.errorType());
        notNull(problems, "record.errorMessage", r.errorMessage());
        notNull(problems, "record.instanceId", r.instanceId());
        notNull(problems, "record.traceId", r.traceId());
        notNull(problems, "record.spanId", r.spanId());
        notNull(problems, "record.parentSpanId", r.parentSpanId());
        notNull(problems, "record.correlationId", r.correlationId());
        coldStart(problems, r.coldStart());
        throwIfAny(problems);
    }

    private static void coldStart(List<String> problems, Optional<ColdStart> coldStart) {
        notNull(problems, "record.coldStart", coldStart);
        if (coldStart == null || coldStart.isEmpty()) {
            return;
        }
        ColdStart c = coldStart.get();
        duration(problems, "record.coldStart.queueWait", c.queueWait());
        duration(problems, "record.coldStart.sandbox", c.sandbox());
        duration(problems, "record.coldStart.jvm", c.jvm());
        duration(problems, "record.coldStart.handOver", c.handOver());
        duration(problems, "record.coldStart.classLoad", c.classLoad());
        duration(problems, "record.coldStart.init", c.init());
    }

    static void line(LogLine l) {
        List<String> problems = new ArrayList<>();
        instant(problems, "line.time", l.time());
        notNull(problems, "line.function", l.function());
        notNull(problems, "line.invocationId", l.invocationId());
        notNull(problems, "line.instanceId", l.instanceId());
        notNull(problems, "line.stream", l.stream());
        notNull(problems, "line.message", l.message());
        notNull(problems, "line.traceId", l.traceId());
        notNull(problems, "line.correlationId", l.correlationId());
        throwIfAny(problems);
    }

    static void child(ChildWork w) {
        List<String> problems = new ArrayList<>();
        blank(problems, "child.invocationId", w.invocationId());
        notNull(problems, "child.kind", w.kind());
        notNull(problems, "child.target", w.target());
        instant(problems, "child.at", w.at());
        throwIfAny(problems);
    }

    static void query(InvocationStore.Query q) {
        if (q.limit() < 1 || q.limit() > MAX_QUERY_LIMIT) {
            throw new IllegalArgumentException("limit: must be 1.." + MAX_QUERY_LIMIT + ", was " + q.limit());
        }
        if (q.correlationId() == null) {
            throw new IllegalArgumentException("correlationId: must be present (use Optional.empty() for any), was null");
        }
    }

    static void limit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit: must be at least 1, was " + limit);
        }
    }

    private static void instant(List<String> problems, String path, Instant t) {
        if (t == null) {
            problems.add(path + ": must be present, was null");
            return;
        }
        try {
            Columns.nanos(t);
        } catch (ArithmeticException e) {
            problems.add(path + ": must be between the years 1678 and 2261, was " + t);
        }
    }

    private static void duration(List<String> problems, String path, Duration d) {
        if (d == null) {
            problems.add(path + ": must be present, was null");
            return;
        }
        try {
            d.toNanos();
        } catch (ArithmeticException e) {
            problems.add(path + ": must be shorter than 292 years, was " + d);
        }
    }

    private static void blank(List<String> problems, String path, String value) {
        if (value == null || value.isBlank()) {
            problems.add(path + ": must not be blank");
        }
    }

    private static void notNull(List<String> problems, String path, Object value) {
        if (value == null) {
            problems.add(path + ": must be present (use Optional.empty() or \"\" for none), was null");
        }
    }

    private static void throwIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}
