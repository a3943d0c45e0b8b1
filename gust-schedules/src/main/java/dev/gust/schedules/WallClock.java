package dev.gust.schedules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Maps wall-clock slots to instants. A time in a DST gap has no instant (the slot is skipped); a
 * time in a repeated hour takes its first occurrence. With that choice the mapping is strictly
 * increasing, so walking wall-clock slots in order walks instants in order.
 */
final class WallClock {
    private WallClock() {}

    static Optional<Instant> toInstant(LocalDateTime local, ZoneId zone) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        // in an overlap the first offset is the one before the change: the earlier instant
        return offsets.isEmpty() ? Optional.empty() : Optional.of(local.toInstant(offsets.get(0)));
    }

    /** The wall-clock time at {@code instant}, in whole seconds rounded down. */
    static LocalDateTime floor(Instant instant, ZoneId zone) {
        return LocalDateTime.ofInstant(instant, zone).truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * A wall-clock time after which no slot maps to an instant before {@code instant}: the local
     * time under the larger of the offsets now and a day ago, so slots in an hour repeated since
     * (whose first occurrence is earlier) are not missed. Whole seconds, rounded up.
     */
    static LocalDateTime ceilingBefore(Instant instant, ZoneId zone) {
        var rules = zone.getRules();
        ZoneOffset now = rules.getOffset(instant);
        ZoneOffset dayAgo = rules.getOffset(instant.minus(Duration.ofDays(1)));
        ZoneOffset wider = now.getTotalSeconds() >= dayAgo.getTotalSeconds() ? now : dayAgo;
        return LocalDateTime.ofInstant(instant, wider).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }
}
