package dev.gust.schedules;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which slots of a schedule to fire now, from the last slot it fired and the clock,
 * following the schedule's {@link CatchUp} policy. Stateless: the caller records what fired (by
 * {@link Slot#id()}, under a unique key) and passes the newest fired slot next time. Thread-safe.
 */
public interface Firings {
    /** How late a slot may be noticed and still fire under {@link CatchUp#NONE}. */
    Duration DEFAULT_GRACE = Duration.ofMinutes(1);
    /** The most slots {@link CatchUp#ALL} fires after one outage. */
    int DEFAULT_MAX_CATCH_UP = 1_000;

    /**
     * @param schedule the schedule
     * @param lastFired the newest slot it fired, or empty if none yet (then its creation counts)
     * @return the slots to fire now, oldest first, all after {@code lastFired} and at or before now
     */
    Due due(Schedule schedule, Optional<Instant> lastFired);

    /** @return firings with a one-minute grace period and a cap of 1,000 missed slots */
    static Firings create(InstantSource clock) {
        return create(clock, DEFAULT_GRACE, DEFAULT_MAX_CATCH_UP);
    }

    /**
     * @param clock the time "now" is read from
     * @param grace how late a slot may be noticed and still fire under {@link CatchUp#NONE}; 0 or more
     * @param maxCatchUp the most slots {@link CatchUp#ALL} fires after one outage; 1..100,000
     */
    static Firings create(InstantSource clock, Duration grace, int maxCatchUp) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new ScheduleException("grace: must be 0 or more; got " + grace);
        }
        if (maxCatchUp < 1 || maxCatchUp > 100_000) {
            throw new ScheduleException("maxCatchUp: must be 1..100000; got " + maxCatchUp);
        }
        return new PolicyFirings(clock, grace, maxCatchUp);
    }
}
