package dev.gust.schedules;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * A one-time {@code at(...)} expression: a single wall-clock time in the schedule's zone. A time
 * in a daylight-saving gap fires at the same wall-clock offset after the gap (02:30 becomes 03:30);
 * a time in a repeated hour fires at its first occurrence.
 *
 * @param at the local date and time, in whole seconds
 * @param zone the zone {@code at} is read in
 */
public record AtExpression(LocalDateTime at, ZoneId zone) implements ScheduleExpression {
    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    public AtExpression {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(zone, "zone");
    }

    /** @return the one slot */
    public Instant instant() {
        return at.atZone(zone).toInstant();
    }

    @Override
    public String text() {
        return "at(" + FORMAT.format(at) + ")";
    }

    @Override
    public Optional<Instant> nextAfter(Instant instant) {
        return Optional.of(instant()).filter(slot -> slot.isAfter(instant));
    }

    @Override
    public Optional<Instant> previousBefore(Instant instant) {
        return Optional.of(instant()).filter(slot -> slot.isBefore(instant));
    }
}
