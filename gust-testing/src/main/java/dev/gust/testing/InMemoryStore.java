package dev.gust.testing;

import dev.gust.store.ChildWork;
import dev.gust.store.ChildWorkStore;
import dev.gust.store.FunctionSpec;
import dev.gust.store.FunctionStore;
import dev.gust.store.FunctionVersion;
import dev.gust.store.InvocationRecord;
import dev.gust.store.InvocationStore;
import dev.gust.store.LogLine;
import dev.gust.store.LogStore;
import dev.gust.store.Store;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link Store} held in memory, for tests that are not about storage. Same contracts as the
 * real stores; every method is synchronized.
 */
public final class InMemoryStore implements Store, FunctionStore, InvocationStore, LogStore, ChildWorkStore {
    private final InstantSource clock;
    private final Map<String, List<FunctionVersion>> versions = new TreeMap<>();
    private final Map<String, Integer> current = new TreeMap<>();
    private final List<InvocationRecord> records = new ArrayList<>();
    private final List<LogLine> lines = new ArrayList<>();
    private final List<ChildWork> children = new ArrayList<>();
    private final List<Follower> followers = new CopyOnWriteArrayList<>();

    private record Follower(String function, Consumer<LogLine> listener) {
    }

    public InMemoryStore(InstantSource clock) {
        this.clock = clock;
    }

    @Override public FunctionStore functions() { return this; }
    @Override public InvocationStore invocations() { return this; }
    @Override public LogStore logs() { return this; }
    @Override public ChildWorkStore childWork() { return this; }
    @Override public void close() { }

    @Override
    public synchronized List<Published> publish(String app, List<FunctionSpec> specs) {
        List<Published> out = new ArrayList<>();
        for (FunctionSpec spec : specs) {
            Optional<FunctionVersion> cur = current(spec.name());
            if (cur.isPresent() && cur.get().spec().equals(spec) && cur.get().app().equals(app)) {
                out.add(new Published(cur.get(), false));
                continue;
            }
            List<FunctionVersion> all = versions.computeIfAbsent(spec.name(), k -> new ArrayList<>());
            var v = new FunctionVersion(app, all.size() + 1, spec, clock.instant());
            all.add(v);
            current.put(spec.name(), v.version());
            out.add(new Published(v, true));
        }
        return out;
    }

    @Override
    public synchronized Optional<FunctionVersion> current(String name) {
        Integer v = current.get(name);
        return v == null ? Optional.empty() : version(name, v);
    }

    @Override
    public synchronized Optional<FunctionVersion> version(String name, int version) {
        List<FunctionVersion> all = versions.getOrDefault(name, List.of());
        return version >= 1 && version <= all.size() ? Optional.of(all.get(version - 1)) : Optional.empty();
    }

    @Override
    public synchronized List<FunctionVersion> list() {
        return current.keySet().stream().map(n -> current(n).orElseThrow()).toList();
    }

    @Override
    public synchronized boolean delete(String name) {
        versions.remove(name);
        return current.remove(name) != null;
    }

    @Override
    public synchronized void record(InvocationRecord record) {
        records.add(record);
    }

    @Override
    public synchronized Optional<InvocationRecord> get(String id) {
        return records.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    @Override
    public synchronized List<InvocationRecord> find(Query q) {
        return records.stream()
                .filter(r -> q.function().map(r.function()::equals).orElse(true))
                .filter(r -> q.status().map(s -> s == r.status()).orElse(true))
                .filter(r -> q.correlationId().map(r.correlationId()::equals).orElse(true))
                .sorted(Comparator.comparing(InvocationRecord::start).reversed())
                .limit(q.limit())
                .toList();
    }

    @Override
    public synchronized void record(ChildWork child) {
        children.add(child);
    }

    @Override
    public synchronized List<ChildWork> of(String invocationId) {
        return children.stream().filter(c -> c.invocationId().equals(invocationId)).toList();
    }

    @Override
    public synchronized List<Usage> usage(Instant from, Instant to) {
        Map<String, Usage> byFunction = new TreeMap<>();
        for (InvocationRecord r : records) {
            if (r.start().isBefore(from) || !r.start().isBefore(to)
                    || r.status() == InvocationRecord.Status.THROTTLED) {
                continue;
            }
            double gbs = r.billedMillis() / 1000.0 * r.memoryMb() / 1024.0;
            long err = r.status() == InvocationRecord.Status.SUCCESS ? 0 : 1;
            byFunction.merge(r.function(), new Usage(r.function(), 1, r.billedMillis(), gbs, err),
                    (a, b) -> new Usage(a.function(), a.requests() + 1, a.billedMillis() + b.billedMillis(),
                            a.gbSeconds() + b.gbSeconds(), a.errors() + b.errors()));
        }
        return List.copyOf(byFunction.values());
    }

    @Override
    public synchronized void append(LogLine line) {
        lines.add(line);
        for (Follower f : followers) {
            if (f.function().equals(line.function())) {
                f.listener().accept(line);
            }
        }
    }

    @Override
    public synchronized List<LogLine> read(String function, Optional<String> invocationId, Optional<Instant> since,
            int limit) {
        List<LogLine> match = lines.stream()
                .filter(l -> l.function().equals(function))
                .filter(l -> invocationId.map(l.invocationId()::equals).orElse(true))
                .filter(l -> since.map(s -> !l.time().isBefore(s)).orElse(true))
                .toList();
        return match.subList(Math.max(0, match.size() - limit), match.size());
    }

    @Override
    public AutoCloseable follow(String function, Consumer<LogLine> listener) {
        Follower f = new Follower(function, listener);
        followers.add(f);
        return () -> followers.remove(f);
    }

    @Override
    public synchronized int deleteOlderThan(Instant before) {
        int n = lines.size();
        lines.removeIf(l -> l.time().isBefore(before));
        return n - lines.size();
    }
}
