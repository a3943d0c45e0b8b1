package dev.gust.schedules;

import java.time.Instant;
import java.util.Objects;

/**
 * One firing of a schedule.
 *
 * @param schedule the schedule's name
 * @param at the slot's instant
 */
public record Slot(String schedule, Instant at) {
    public Slot {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(at, "at");
    }

    /**
     * @return {@code <schedule>@<instant>}, e.g. {@code nightly@2026-12-01T02:00:00Z}: the same for
     *     the same slot on every node and after every restart, so a unique key on it makes each slot
     *     fire once
     */
    public String id() {
        return schedule + "@" + at;
    }
}
