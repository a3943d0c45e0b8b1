package dev.gust.runtime;

import dev.gust.common.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The node's stem cells, one shelf per {@link StemCell.Kind}: which are starting, which are ready,
 * how many each kind should have, and the counts behind the stats.
 *
 * <p>How many: a kind that a current function uses keeps {@code 1 + ceil(rate * boot)} stem cells,
 * at most {@code stemCellsMax}, where {@code rate} is its recent cold-start rate (the higher of
 * the last 10 s and the last minute) and {@code boot} how long its last stem cell took to start; so
 * a steady stream of cold starts finds one ready, and an idle node keeps one per kind. All of them
 * together stay within {@code stemCellShare} of the memory budget and within what the budget has
 * free: stem cells never displace a function's instance, and are the first thing evicted when one
 * needs room. A kind whose stem cells keep dying before they are ready (three in a row) is paused
 * for a minute, so a broken worker cannot make the node launch JVMs in a loop.
 *
 * <p>Not thread-safe: guarded by the node lock held by {@link Placement}.
 */
final class StemCells {
    private static final System.Logger LOG = System.getLogger(StemCells.class.getName());
    static final Duration RATE_WINDOW = Duration.ofMinutes(1);
    static final Duration BURST_WINDOW = Duration.ofSeconds(10);
    static final Duration DEFAULT_BOOT = Duration.ofSeconds(1);
    static final int FAILURES_BEFORE_PAUSE = 3;
    static final Duration PAUSE = Duration.ofMinutes(1);

    private final Node node;
    private final StemCell.Events events;
    private final Map<StemCell.Kind, Shelf> shelves = new HashMap<>();
    /** A cold start happened since the last refill: the end of the next invocation refills. */
    private boolean coldStartSinceRefill;

    StemCells(Node node, StemCell.Events events) {
        this.node = node;
        this.events = events;
    }

    /** One kind's stem cells and counts. */
    private static final class Shelf {
        final Set<StemCell> starting = new LinkedHashSet<>();
        final ArrayDeque<StemCell> ready = new ArrayDeque<>();
        final ArrayDeque<Instant> coldStarts = new ArrayDeque<>();
        long launched;
        long handedOver;
        long lost;
        int failuresInARow;
        Instant pausedUntil = Instant.MIN;
        Duration boot = DEFAULT_BOOT;
        int target;

        int count() {
            return starting.size() + ready.size();
        }
    }

    boolean enabled() {
        return node.config().stemCellsMax() > 0;
    }

    /**
     * A cold start of a function of this kind: counts it for the rate, unless it is a pre-warm,
     * and takes a ready stem cell when there is one.
     */
    Optional<StemCell> take(StemCell.Kind kind, Instant now, boolean demand) {
        if (!enabled()) {
            return Optional.empty();
        }
        Shelf shelf = shelves.computeIfAbsent(kind, k -> new Shelf());
        coldStartSinceRefill = true;
        if (demand) {
            shelf.coldStarts.addLast(now);
        }
        StemCell cell = shelf.ready.pollFirst();
        if (cell != null) {
            shelf.handedOver++;
        }
        return Optional.ofNullable(cell);
    }

    /** @return whether a cold start happened since the last refill; the end of an invocation refills only then */
    boolean coldStartSinceRefill() {
        return coldStartSinceRefill;
    }

    /** @return the memory the stem cells hold, starting or ready */
    long usedMb() {
        return shelves.entrySet().stream().mapToLong(e -> (long) e.getValue().count() * e.getKey().memoryMb()).sum();
    }

    /**
     * Takes stem cells off the shelves, ready ones first, until {@code neededMb} is reclaimed or none
     * are left; the caller kills them.
     */
    List<StemCell> reclaim(long neededMb) {
        List<StemCell> victims = new ArrayList<>();
        long freed = 0;
        for (Shelf shelf : shelves.values()) {
            while (freed < neededMb && !shelf.ready.isEmpty()) {
                StemCell c = shelf.ready.pollLast();
                victims.add(c);
                freed += c.kind.memoryMb();
            }
        }
        for (Shelf shelf : shelves.values()) {
            for (StemCell c : List.copyOf(shelf.starting)) {
                if (freed >= neededMb) {
                    return victims;
                }
                shelf.starting.remove(c);
                victims.add(c);
                freed += c.kind.memoryMb();
            }
        }
        return victims;
    }

    /** The stem cell said Hello; back on its shelf as ready, unless it was removed meanwhile. */
    void ready(StemCell cell) {
        Shelf shelf = shelves.get(cell.kind);
        if (shelf != null && shelf.starting.remove(cell)) {
            shelf.ready.addLast(cell);
            shelf.failuresInARow = 0;
            if (cell.bootNanos() > 0) {
                shelf.boot = Duration.ofNanos(cell.bootNanos());
            }
        }
    }

    /** The stem cell ended by itself, or could not start: off its shelf. */
    void lost(StemCell cell, String why, Instant now) {
        Shelf shelf = shelves.get(cell.kind);
        if (shelf == null) {
            return;
        }
        boolean wasStarting = shelf.starting.remove(cell);
        if (!wasStarting && !shelf.ready.remove(cell)) {
            return; // killed by the node, already off the shelf
        }
        shelf.lost++;
        LOG.log(System.Logger.Level.WARNING, "stem cell {0} ({1}) was lost: {2}", cell.id, cell.kind, why);
        if (wasStarting && ++shelf.failuresInARow >= FAILURES_BEFORE_PAUSE) {
            shelf.pausedUntil = now.plus(PAUSE);
            LOG.log(System.Logger.Level.WARNING, "stem cells of {0} failed to start {1} times in a row; none are "
                    + "started for {2} s", cell.kind, shelf.failuresInARow, PAUSE.toSeconds());
        }
    }

    /**
     * Brings every shelf to its target: launches what a kind in use lacks while memory allows, stops
     * ready stem cells a kind has beyond its target or no longer needs.
     *
     * @param inUse the kinds of the current functions
     * @param freeMb what the node's memory budget has free
     */
    void refill(Set<StemCell.Kind> inUse, long freeMb, Instant now, Consumer<StemCell> launch,
            BiConsumer<StemCell, String> kill) {
        if (!enabled()) {
            return;
        }
        coldStartSinceRefill = false;
        inUse.forEach(k -> shelves.computeIfAbsent(k, x -> new Shelf()));
        long share = (long) (node.config().memoryBudgetMb() * node.config().stemCellShare());
        long used = usedMb();
        long free = freeMb;
        for (var e : shelves.entrySet()) {
            StemCell.Kind kind = e.getKey();
            Shelf shelf = e.getValue();
            shelf.target = inUse.contains(kind) ? target(shelf, now) : 0;
            while (shelf.ready.size() > 0 && shelf.count() > shelf.target) {
                StemCell extra = shelf.ready.pollLast();
                used -= kind.memoryMb();
                free += kind.memoryMb();
                kill.accept(extra, "the node needs fewer stem cells of " + kind);
            }
        }
        for (var e : shelves.entrySet()) {
            StemCell.Kind kind = e.getKey();
            Shelf shelf = e.getValue();
            while (shelf.count() < shelf.target && !now.isBefore(shelf.pausedUntil)
                    && used + kind.memoryMb() <= share && kind.memoryMb() <= free) {
                var cell = new StemCell(Ids.shortId("i-"), kind, node, events);
                shelf.starting.add(cell);
                shelf.launched++;
                used += kind.memoryMb();
                free -= kind.memoryMb();
                launch.accept(cell);
            }
        }
        shelves.entrySet().removeIf(e -> e.getValue().target == 0 && e.getValue().count() == 0
                && e.getValue().launched == 0);
    }

    private int target(Shelf shelf, Instant now) {
        while (!shelf.coldStarts.isEmpty() && shelf.coldStarts.peekFirst().isBefore(now.minus(RATE_WINDOW))) {
            shelf.coldStarts.pollFirst();
        }
        Instant burstStart = now.minus(BURST_WINDOW);
        long burst = shelf.coldStarts.stream().filter(t -> !t.isBefore(burstStart)).count();
        double perSecond = Math.max(burst / (double) BURST_WINDOW.toSeconds(),
                shelf.coldStarts.size() / (double) RATE_WINDOW.toSeconds());
        double bootSeconds = shelf.boot.toNanos() / 1e9;
        int wanted = 1 + (int) Math.ceil(perSecond * bootSeconds);
        return Math.min(node.config().stemCellsMax(), wanted);
    }

    /** Takes every stem cell off the shelves, for shutdown; the caller kills them. */
    List<StemCell> removeAll() {
        List<StemCell> all = new ArrayList<>();
        for (Shelf shelf : shelves.values()) {
            all.addAll(shelf.starting);
            all.addAll(shelf.ready);
            shelf.starting.clear();
            shelf.ready.clear();
            shelf.target = 0;
        }
        return all;
    }

    /** @return one snapshot per memory class (kinds with and without network added together) */
    List<StemCellStats> stats() {
        Map<Integer, StemCellStats> byMemory = new TreeMap<>();
        shelves.forEach((kind, s) -> byMemory.merge(kind.memoryMb(), new StemCellStats(kind.memoryMb(), s.ready.size(),
                s.starting.size(), s.target, s.launched, s.handedOver, s.lost), StemCells::add));
        return List.copyOf(byMemory.values());
    }

    private static StemCellStats add(StemCellStats a, StemCellStats b) {
        return new StemCellStats(a.memoryMb(), a.ready() + b.ready(), a.starting() + b.starting(),
                a.target() + b.target(), a.launched() + b.launched(), a.handedOver() + b.handedOver(),
                a.lost() + b.lost());
    }
}
