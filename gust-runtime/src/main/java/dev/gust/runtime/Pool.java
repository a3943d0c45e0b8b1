package dev.gust.runtime;

import dev.gust.store.ColdStart;
import dev.gust.store.FunctionVersion;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The instances of one function version and the invocations waiting for them. All state is
 * guarded by the node lock held by {@link Placement}.
 */
final class Pool {
    final FunctionVersion version;
    final List<Instance> instances = new ArrayList<>();
    final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    boolean current = true;
    Optional<Instant> lastInvoked = Optional.empty();
    /** Whether an instance was ever started for this version. */
    boolean everStarted;
    /** Why the pool last lost an instance it did not retire itself: the reason of a later cold start from zero. */
    ColdStart.Reason lastLoss = ColdStart.Reason.NEW_VERSION;

    Pool(FunctionVersion version) {
        this.version = version;
    }

    int perInstance() {
        return Math.max(1, version.spec().concurrency().perInstance());
    }

    int max() {
        return version.spec().concurrency().max();
    }

    int min() {
        return version.spec().concurrency().min();
    }

    int memoryMb() {
        return version.spec().memoryMb();
    }

    /**
     * Variables the JVM or the dynamic loader read when the process starts: a stem cell, started
     * before the function was known, cannot take them, so a function that sets one gets new workers.
     */
    static final Set<String> READ_AT_START = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS",
            "LANG", "LD_PRELOAD", "LD_LIBRARY_PATH", "GLIBC_TUNABLES", "MALLOC_ARENA_MAX");

    /** @return the kind of stem cell that can become this version's instance */
    StemCell.Kind stemKind() {
        return new StemCell.Kind(memoryMb(), version.spec().network());
    }

    /** @return whether a stem cell can become this version's instance: its environment sets nothing read at start */
    boolean stemCellsCanServe() {
        return version.spec().environment().keySet().stream()
                .noneMatch(n -> READ_AT_START.contains(n) || n.startsWith("LC_"));
    }

    /** @return why a cold start now would happen */
    ColdStart.Reason coldStartReason() {
        if (serving() > 0) {
            return ColdStart.Reason.SCALE_OUT;
        }
        return everStarted ? lastLoss : ColdStart.Reason.NEW_VERSION;
    }

    /** Warm instances first, the most recently used of them; else one still starting with room. */
    Optional<Instance> withFreeSlot() {
        if (!current) {
            return Optional.empty();
        }
        Optional<Instance> warm = instances.stream()
                .filter(i -> i.state() == InstanceState.IDLE || i.state() == InstanceState.BUSY)
                .filter(i -> i.freeSlots() > 0)
                .max(Comparator.comparing(Instance::lastUsed));
        return warm.or(() -> instances.stream()
                .filter(i -> i.state() == InstanceState.STARTING && i.freeSlots() > 0)
                .findFirst());
    }

    /** @return instances that count against {@code max}: every one not yet stopped */
    int live() {
        return instances.size();
    }

    long serving() {
        return instances.stream().filter(Instance::serving).count();
    }

    int inFlight() {
        return instances.stream().filter(i -> i.state() != InstanceState.STARTING).mapToInt(Instance::slots).sum();
    }

    /** @return invocations queued plus those holding a slot on an instance that is still starting */
    int waiting() {
        return waiters.size() + instances.stream()
                .filter(i -> i.state() == InstanceState.STARTING).mapToInt(Instance::slots).sum();
    }

    PoolStats stats() {
        Map<InstanceState, Integer> byState = new EnumMap<>(InstanceState.class);
        for (InstanceState s : InstanceState.values()) {
            byState.put(s, 0);
        }
        instances.forEach(i -> byState.merge(i.state(), 1, Integer::sum));
        return new PoolStats(version.name(), version.version(), current, Map.copyOf(byState), inFlight(), waiting(),
                lastInvoked);
    }

    List<Instance> idleOnes() {
        return new ArrayList<>(instances.stream().filter(i -> i.state() == InstanceState.IDLE).toList());
    }
}
