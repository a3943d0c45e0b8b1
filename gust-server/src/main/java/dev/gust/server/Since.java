package dev.gust.server;

import dev.gust.common.Durations;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a {@code since} query value: an ISO instant, or a duration back from now ({@code 1h}). */
final class Since {
    private Since() {
    }

    static Optional<Instant> parse(Optional<String> value, InstantSource clock) {
        return value.map(v -> Durations.parse(v).map(d -> clock.instant().minus(d)).orElseGet(() -> instant(v)));
    }

    private static Instant instant(String v) {
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("since: must be a duration back from now (30s, 10m, 1h, 7d) or an ISO-8601 "
                    + "instant (2026-01-01T00:00:00Z), was " + v);
        }
    }
}
