package dev.gust.schedules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses expression text; never throws for bad input. */
final class Expressions {
    static final int MAX_LENGTH = 256;
    private static final Pattern FORM = Pattern.compile("(cron|rate|at)\\((.*)\\)", Pattern.DOTALL);
    private static final Pattern RATE = Pattern.compile("(\\d{1,18})\\s+([a-z]+)");
    // ten years: a longer interval is almost certainly a typo
    private static final long MAX_RATE_DAYS = 3650;

    private Expressions() {}

    static Validated<ScheduleExpression> parse(String expression, ZoneId zone) {
        if (expression == null || expression.isBlank()) {
            return invalid("is required: cron(...), rate(...) or at(...)");
        }
        if (expression.length() > MAX_LENGTH) {
            return invalid("must be at most " + MAX_LENGTH + " characters; got " + expression.length());
        }
        Matcher form = FORM.matcher(expression.trim());
        if (!form.matches()) {
            return invalid("must be cron(...), rate(...) or at(...); got '" + expression.trim() + "'");
        }
        String inside = form.group(2);
        return switch (form.group(1)) {
            case "cron" -> CronDialects.parse(inside, zone);
            case "rate" -> rate(inside.trim(), zone);
            default -> at(inside.trim(), zone);
        };
    }

    private static Validated<ScheduleExpression> rate(String inside, ZoneId zone) {
        Matcher m = RATE.matcher(inside);
        if (!m.matches()) {
            return invalid("a rate is a whole number and a unit, like rate(5 minutes) or rate(1 hour); got rate(" + inside + ")");
        }
        long value = Long.parseLong(m.group(1));
        String word = m.group(2);
        Optional<RateExpression.Unit> unit = unit(word);
        if (unit.isEmpty()) {
            return invalid("rate unit must be minute(s), hour(s) or day(s); got '" + word + "'");
        }
        return rate(value, word, unit.get(), zone);
    }

    private static Validated<ScheduleExpression> rate(long value, String word, RateExpression.Unit unit, ZoneId zone) {
        if (value < 1) {
            return invalid("rate value must be 1 or more; got " + value);
        }
        if (!unit.word(value).equals(word)) {
            return invalid("rate(" + value + " " + word + ") needs " + (value == 1 ? "the singular" : "the plural")
                    + " unit, as AWS does: rate(" + value + " " + unit.word(value) + ")");
        }
        if (value > MAX_RATE_DAYS * Duration.ofDays(1).dividedBy(unit.length())) {
            return invalid("rate interval must be at most " + MAX_RATE_DAYS + " days; got rate(" + value + " " + word + ")");
        }
        return new Validated.Valid<>(new RateExpression(value, unit, zone, Instant.EPOCH));
    }

    private static Optional<RateExpression.Unit> unit(String word) {
        String singular = word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
        return List.of(RateExpression.Unit.values()).stream()
                .filter(u -> u.name().toLowerCase(Locale.ROOT).equals(singular))
                .findFirst();
    }

    private static Validated<ScheduleExpression> at(String inside, ZoneId zone) {
        try {
            LocalDateTime at = LocalDateTime.parse(inside, AtExpression.FORMAT.withResolverStyle(ResolverStyle.STRICT));
            return new Validated.Valid<>(new AtExpression(at, zone));
        } catch (DateTimeParseException e) {
            return invalid("at(...) needs a local date and time like at(2026-12-01T10:00:00); got at(" + inside + ")");
        }
    }

    static Validated<ZoneId> zone(String zone) {
        if (zone == null || zone.isBlank()) {
            return new Validated.Valid<>(ZoneId.of("UTC"));
        }
        // region names only: fixed offsets and abbreviations do not follow daylight saving
        if (ZoneId.getAvailableZoneIds().contains(zone)) {
            return new Validated.Valid<>(ZoneId.of(zone));
        }
        return new Validated.Invalid<>(List.of(new Problem("zone",
                "must be an IANA time zone name like Europe/Berlin or UTC; got '" + zone + "'")));
    }

    private static Validated<ScheduleExpression> invalid(String message) {
        return new Validated.Invalid<>(List.of(new Problem("expression", message)));
    }
}
