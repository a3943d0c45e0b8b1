package dev.gust.schedules;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Parses the fields inside {@code cron(...)} with cron-utils, in the dialect their count selects. */
final class CronDialects {
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser AWS = new CronParser(aws());
    private static final String FORMS = "a cron needs 5 fields (minute hour day-of-month month day-of-week)"
            + " or 6 fields (minutes hours day-of-month month day-of-week year)";

    private CronDialects() {}

    /**
     * EventBridge's form: no seconds, a year field, day-of-week 1-7 with 1 = SUN, {@code ? L W #}.
     * The one-of-the-day-fields rule is checked by {@link #dayFieldProblem} for a clearer message.
     */
    private static CronDefinition aws() {
        return CronDefinitionBuilder.defineCron()
                .withMinutes().withValidRange(0, 59).and()
                .withHours().withValidRange(0, 23).and()
                .withDayOfMonth().withValidRange(1, 31).supportsL().supportsW().supportsLW().supportsQuestionMark().and()
                .withMonth().withValidRange(1, 12).and()
                .withDayOfWeek().withValidRange(1, 7).withMondayDoWValue(2)
                        .supportsHash().supportsL().supportsQuestionMark().and()
                .withYear().withValidRange(1970, 2199).and()
                .instance();
    }

    static Validated<ScheduleExpression> parse(String inside, ZoneId zone) {
        List<String> fields = List.of(inside.trim().toUpperCase(Locale.ROOT).split("\\s+"));
        if (inside.isBlank() || fields.size() < 5 || fields.size() > 6) {
            return invalid(FORMS + "; got " + (inside.isBlank() ? 0 : fields.size()));
        }
        CronExpression.Dialect dialect = fields.size() == 5 ? CronExpression.Dialect.UNIX : CronExpression.Dialect.AWS;
        Optional<String> dayProblem = dialect == CronExpression.Dialect.AWS ? dayFieldProblem(fields) : Optional.empty();
        if (dayProblem.isPresent()) {
            return invalid(dayProblem.get());
        }
        return build(String.join(" ", fields), dialect, zone);
    }

    /** AWS refuses to combine the two day fields, and needs one of them. */
    private static Optional<String> dayFieldProblem(List<String> fields) {
        boolean dayOfMonthOpen = fields.get(2).equals("?");
        boolean dayOfWeekOpen = fields.get(4).equals("?");
        if (!dayOfMonthOpen && !dayOfWeekOpen) {
            return Optional.of("cron day-of-month and day-of-week cannot both be set; use ? in one of them");
        }
        if (dayOfMonthOpen && dayOfWeekOpen) {
            return Optional.of("cron day-of-month and day-of-week cannot both be ?; set one of them, e.g. * for every day");
        }
        return Optional.empty();
    }

    private static Validated<ScheduleExpression> build(String text, CronExpression.Dialect dialect, ZoneId zone) {
        ExecutionTime times;
        try {
            CronParser parser = dialect == CronExpression.Dialect.UNIX ? UNIX : AWS;
            times = ExecutionTime.forCron(parser.parse(text));
        } catch (RuntimeException e) {
            // cron-utils reports bad fields as IllegalArgumentException, a few as others
            return invalid("cron(" + text + ") is not valid: " + reason(e));
        }
        return neverFires(new CronExpression(text, dialect, zone, times));
    }

    /** {@code cron(0 0 30 2 *)} parses but has no slot; say so rather than accept a silent schedule. */
    private static Validated<ScheduleExpression> neverFires(CronExpression cron) {
        try {
            if (cron.nextAfter(Instant.EPOCH).isPresent()) {
                return new Validated.Valid<>(cron);
            }
        } catch (RuntimeException e) {
            return invalid(cron.text() + " is not valid: " + reason(e));
        }
        return invalid(cron.text() + " never fires");
    }

    private static String reason(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replace("Failed to parse cron expression. ", "");
    }

    private static Validated<ScheduleExpression> invalid(String message) {
        return new Validated.Invalid<>(List.of(new Problem("expression", message)));
    }
}
