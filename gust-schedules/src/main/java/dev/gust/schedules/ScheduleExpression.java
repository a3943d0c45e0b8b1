package dev.gust.schedules;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a schedule fires: a {@link CronExpression}, a {@link RateExpression} or a one-time
 * {@link AtExpression}, each in a time zone. Made by {@link Schedules#parse(String, String)}.
 *
 * <p>A <em>slot</em> is one instant at which the schedule fires. Cron slots are wall-clock times
 * in the zone: a slot that falls in a daylight-saving gap is skipped, and a slot in a repeated hour
 * fires once, at its first occurrence (as EventBridge Scheduler does). Immutable and thread-safe.
 */
public sealed interface ScheduleExpression permits CronExpression, RateExpression, AtExpression {

    /** @return the expression as a user writes it, e.g. {@code rate(5 minutes)} */
    String text();

    /** @return the zone the expression's wall-clock times are in */
    ZoneId zone();

    /**
     * @param instant any instant
     * @return the first slot strictly after {@code instant}, or empty if the schedule never fires again
     */
    Optional<Instant> nextAfter(Instant instant);

    /**
     * @param instant any instant
     * @return the last slot strictly before {@code instant}, or empty if there is none
     */
    Optional<Instant> previousBefore(Instant instant);

    /**
     * @return this expression with a rate's slots counted from {@code creation} (whole seconds);
     *     cron and one-time expressions do not depend on it and return themselves
     */
    default ScheduleExpression anchoredAt(Instant creation) {
        return this;
    }

    /**
     * @param fromExclusive slots after this instant
     * @param toInclusive slots up to and including this instant
     * @param max at most this many slots, the oldest ones
     * @return the slots in {@code (fromExclusive, toInclusive]}, oldest first
     */
    default List<Instant> slotsBetween(Instant fromExclusive, Instant toInclusive, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max: must be 0 or more; got " + max);
        }
        List<Instant> slots = new ArrayList<>();
        Optional<Instant> next = nextAfter(fromExclusive);
        while (slots.size() < max && next.isPresent() && !next.get().isAfter(toInclusive)) {
            slots.add(next.get());
            next = nextAfter(next.get());
        }
        return List.copyOf(slots);
    }
}
