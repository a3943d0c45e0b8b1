package dev.gust.schedules;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code rate(...)} expression: a fixed interval counted from an anchor, the schedule's creation.
 * The slots are {@code anchor + k * interval} for {@code k >= 1}; a day is always 24 hours, so
 * daylight-saving changes do not move them, and the zone is kept only for display.
 *
 * @param value how many units, 1 or more
 * @param unit minutes, hours or days
 * @param zone the schedule's zone
 * @param anchor the instant slots are counted from, in whole seconds
 */
public record RateExpression(long value, Unit unit, ZoneId zone, Instant anchor) implements ScheduleExpression {

    /** The units AWS accepts in a rate. */
    public enum Unit {
        MINUTE(Duration.ofMinutes(1)),
        HOUR(Duration.ofHours(1)),
        DAY(Duration.ofDays(1));

        private final Duration length;

        Unit(Duration length) {
            this.length = length;
        }

        Duration length() {
            return length;
        }

        /** @return the unit's name for a value, singular only for 1 */
        String word(long value) {
            String singular = name().toLowerCase(java.util.Locale.ROOT);
            return value == 1 ? singular : singular + "s";
        }
    }

    public RateExpression {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(anchor, "anchor");
        if (value < 1) {
            throw new ScheduleException("expression: rate value must be 1 or more; got " + value);
        }
        anchor = anchor.truncatedTo(ChronoUnit.SECONDS);
    }

    /** @return the fixed gap between two slots */
    public Duration interval() {
        return unit.length().multipliedBy(value);
    }

    @Override
    public String text() {
        return "rate(" + value + " " + unit.word(value) + ")";
    }

    @Override
    public RateExpression anchoredAt(Instant creation) {
        return new RateExpression(value, unit, zone, creation);
    }

    @Override
    public Optional<Instant> nextAfter(Instant instant) {
        Duration elapsed = Duration.between(anchor, instant);
        long k = elapsed.isNegative() ? 1 : elapsed.dividedBy(interval()) + 1;
        return Optional.of(slot(k));
    }

    @Override
    public Optional<Instant> previousBefore(Instant instant) {
        Duration elapsed = Duration.between(anchor, instant);
        if (elapsed.isNegative() || elapsed.isZero()) {
            return Optional.empty();
        }
        long whole = elapsed.dividedBy(interval());
        long k = interval().multipliedBy(whole).equals(elapsed) ? whole - 1 : whole;
        return k < 1 ? Optional.empty() : Optional.of(slot(k));
    }

    private Instant slot(long k) {
        return anchor.plus(interval().multipliedBy(k));
    }
}
