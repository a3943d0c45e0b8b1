package dev.gust.schedules;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** {@link Firings} by walking back from now, so an outage of years costs at most the cap in steps. */
final class PolicyFirings implements Firings {
    private final InstantSource clock;
    private final Duration grace;
    private final int maxCatchUp;

    PolicyFirings(InstantSource clock, Duration grace, int maxCatchUp) {
        this.clock = clock;
        this.grace = grace;
        this.maxCatchUp = maxCatchUp;
    }

    @Override
    public Due due(Schedule schedule, Optional<Instant> lastFired) {
        Instant since = lastFired.orElse(schedule.createdAt());
        Instant now = clock.instant();
        return switch (schedule.catchUp()) {
            case NONE -> newest(schedule, later(since, now.minus(grace).minusNanos(1)), now);
            case LATEST -> newest(schedule, since, now);
            case ALL -> backlog(schedule, since, now);
        };
    }

    /** The newest slot in {@code (after, now]}. */
    private static Due newest(Schedule schedule, Instant after, Instant now) {
        return schedule.expression().previousBefore(now.plusNanos(1))
                .filter(slot -> slot.isAfter(after))
                .map(slot -> new Due(List.of(schedule.slot(slot)), false))
                .orElseGet(Due::nothing);
    }

    /** The newest {@code maxCatchUp} slots in {@code (since, now]}, oldest first. */
    private Due backlog(Schedule schedule, Instant since, Instant now) {
        List<Slot> slots = new ArrayList<>();
        Optional<Instant> slot = schedule.expression().previousBefore(now.plusNanos(1));
        while (slot.isPresent() && slot.get().isAfter(since) && slots.size() <= maxCatchUp) {
            slots.add(schedule.slot(slot.get()));
            slot = schedule.expression().previousBefore(slot.get());
        }
        boolean dropped = slots.size() > maxCatchUp;
        List<Slot> kept = new ArrayList<>(slots.subList(0, Math.min(slots.size(), maxCatchUp)));
        Collections.reverse(kept);
        return new Due(kept, dropped);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
