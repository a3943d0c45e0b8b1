package dev.gust.schedules;

import com.cronutils.model.time.ExecutionTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A {@code cron(...)} expression: wall-clock times in the schedule's zone, in the 5-field Unix or
 * the 6-field AWS form (see {@link Dialect}). Immutable and thread-safe.
 */
public final class CronExpression implements ScheduleExpression {
    // slots skipped in one search: DST gaps and repeated hours of a per-minute cron need ~60
    private static final int MAX_STEPS = 10_000;

    /** The two cron forms Gust accepts, told apart by their number of fields. */
    public enum Dialect {
        /** {@code minute hour day-of-month month day-of-week}; day-of-month and day-of-week both set means either. */
        UNIX,
        /** {@code minutes hours day-of-month month day-of-week year}; one of the two day fields is {@code ?}. */
        AWS
    }

    private final String fields;
    private final Dialect dialect;
    private final ZoneId zone;
    private final ExecutionTime times;

    CronExpression(String fields, Dialect dialect, ZoneId zone, ExecutionTime times) {
        this.fields = fields;
        this.dialect = dialect;
        this.zone = zone;
        this.times = times;
    }

    @Override
    public String text() {
        return "cron(" + fields + ")";
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    /** @return which cron form this is */
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public Optional<Instant> nextAfter(Instant instant) {
        return search(WallClock.floor(instant, zone), times::nextExecution, at -> at.isAfter(instant));
    }

    @Override
    public Optional<Instant> previousBefore(Instant instant) {
        return search(WallClock.ceilingBefore(instant, zone), times::lastExecution, at -> at.isBefore(instant));
    }

    /** Steps through wall-clock slots (cron-utils sees them as UTC, where no DST exists) until one maps to an acceptable instant. */
    private Optional<Instant> search(
            LocalDateTime start,
            Function<ZonedDateTime, Optional<ZonedDateTime>> step,
            Predicate<Instant> accept) {
        LocalDateTime cursor = start;
        for (int i = 0; i < MAX_STEPS; i++) {
            Optional<ZonedDateTime> slot = step.apply(cursor.atZone(ZoneOffset.UTC));
            if (slot.isEmpty()) {
                return Optional.empty();
            }
            cursor = slot.get().toLocalDateTime();
            Optional<Instant> at = WallClock.toInstant(cursor, zone);
            if (at.isPresent() && accept.test(at.get())) {
                return at;
            }
        }
        throw new IllegalStateException(text() + " in " + zone + ": no slot within " + MAX_STEPS + " steps of " + start);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronExpression c && c.fields.equals(fields) && c.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields, zone);
    }

    @Override
    public String toString() {
        return text() + " in " + zone;
    }
}
