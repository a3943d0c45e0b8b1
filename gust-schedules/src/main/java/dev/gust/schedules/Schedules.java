package dev.gust.schedules;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point: parses schedule expressions and checks whole schedule definitions. Never throws for
 * bad input; every problem comes back at once, each under the field it concerns.
 *
 * <p>Expressions: {@code cron(0 12 * * ? *)} (AWS, 6 fields), {@code cron(*&#47;5 * * * *)} (Unix, 5
 * fields), {@code rate(5 minutes)}, {@code rate(1 hour)}, {@code rate(2 days)} and
 * {@code at(2026-12-01T10:00:00)}. See {@code docs/schedules.md}.
 */
public final class Schedules {
    private Schedules() {}

    /**
     * @param expression the expression text
     * @param zone an IANA time zone name; null or blank means UTC
     * @return the expression (a rate anchored at the Unix epoch until a {@link Schedule} anchors it),
     *     or every problem under {@code expression} and {@code zone}
     */
    public static Validated<ScheduleExpression> parse(String expression, String zone) {
        Validated<ZoneId> zoneId = Expressions.zone(zone);
        ZoneId effective = zoneId instanceof Validated.Valid<ZoneId> v ? v.value() : ZoneId.of("UTC");
        Validated<ScheduleExpression> parsed = Expressions.parse(expression, effective);
        if (zoneId.problems().isEmpty()) {
            return parsed;
        }
        List<Problem> problems = new ArrayList<>(parsed.problems());
        problems.addAll(zoneId.problems());
        return new Validated.Invalid<>(problems);
    }

    /** @return {@link #parse(String, String)} in UTC */
    public static Validated<ScheduleExpression> parse(String expression) {
        return parse(expression, null);
    }

    /**
     * Checks a schedule as a user declares it.
     *
     * @param name the schedule's name
     * @param expression cron, rate or at expression
     * @param zone IANA zone name; null or blank means UTC
     * @param targetKind {@code function}, {@code queue} or {@code bus}
     * @param targetName the target's name
     * @param catchUp {@code none}, {@code latest} or {@code all}; null or blank means none
     * @param createdAt when the schedule is created; a rate counts from it
     * @return the schedule, or every problem found, each under its field
     */
    public static Validated<Schedule> define(
            String name, String expression, String zone, String targetKind, String targetName,
            String catchUp, Instant createdAt) {
        Validated<ScheduleExpression> parsed = parse(expression, zone);
        Validated<Target> target = Target.parse(targetKind, targetName);
        Validated<CatchUp> policy = CatchUp.parse(catchUp);
        List<Problem> problems = new ArrayList<>();
        Names.problem("name", name).ifPresent(problems::add);
        problems.addAll(parsed.problems());
        problems.addAll(target.problems());
        problems.addAll(policy.problems());
        if (!problems.isEmpty()) {
            return new Validated.Invalid<>(problems);
        }
        return new Validated.Valid<>(new Schedule(
                name, parsed.orThrow(), target.orThrow(), policy.orThrow(), createdAt));
    }
}
