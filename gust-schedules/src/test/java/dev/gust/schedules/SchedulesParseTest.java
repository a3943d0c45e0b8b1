package dev.gust.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SchedulesParseTest {

    private static ScheduleExpression valid(String expression, String zone) {
        Validated<ScheduleExpression> parsed = Schedules.parse(expression, zone);
        assertThat(parsed.problems()).as(expression).isEmpty();
        return parsed.orThrow();
    }

    private static String onlyProblem(String expression, String zone) {
        Validated<ScheduleExpression> parsed = Schedules.parse(expression, zone);
        assertThat(parsed).as(expression).isInstanceOf(Validated.Invalid.class);
        assertThat(parsed.problems()).hasSize(1);
        return parsed.problems().get(0).toString();
    }

    @Test
    void parse_awsCron_isSixFieldsInTheGivenZone() {
        ScheduleExpression cron = valid("cron(0 12 * * ? *)", "Europe/Berlin");

        assertThat(cron).isInstanceOf(CronExpression.class);
        assertThat(((CronExpression) cron).dialect()).isEqualTo(CronExpression.Dialect.AWS);
        assertThat(cron.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(cron.text()).isEqualTo("cron(0 12 * * ? *)");
    }

    @Test
    void parse_unixCron_isFiveFieldsAndDefaultsToUtc() {
        ScheduleExpression cron = valid("cron(*/5 * * * *)", null);

        assertThat(((CronExpression) cron).dialect()).isEqualTo(CronExpression.Dialect.UNIX);
        assertThat(cron.zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "cron(0 12 L * ? *)", "cron(0 12 15W * ? *)", "cron(0 12 LW * ? *)", "cron(0 12 ? * 6#3 *)",
        "cron(0 12 ? * FRI#3 *)", "cron(0 12 ? * 6L *)", "cron(0 8 ? JAN,DEC MON-FRI *)",
        "cron(0/15 * * * ? *)", "cron(0 12 * * ? 2026-2030)", "cron(0 12 ? * mon *)",
        "cron(0 0 1 * MON)", "cron(0 12 * JAN mon-fri)", "cron(0 0 * * 7)", " cron( 0  12 * * ? * ) "
    })
    void parse_everyCronFeature_isAccepted(String expression) {
        assertThat(valid(expression, "UTC")).isInstanceOf(CronExpression.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rate(1 minute)  | PT1M",
        "rate(5 minutes) | PT5M",
        "rate(1 hour)    | PT1H",
        "rate(12 hours)  | PT12H",
        "rate(1 day)     | PT24H",
        "rate(2 days)    | PT48H"
    })
    void parse_rate_hasAFixedInterval(String expression, String interval) {
        RateExpression rate = (RateExpression) valid(expression, "UTC");

        assertThat(rate.interval()).isEqualTo(Duration.parse(interval));
        assertThat(rate.text()).isEqualTo(expression);
    }

    @Test
    void parse_at_isOneSlotInItsZone() {
        AtExpression at = (AtExpression) valid("at(2026-12-01T10:00:00)", "America/New_York");

        assertThat(at.instant()).isEqualTo(Instant.parse("2026-12-01T15:00:00Z"));
        assertThat(at.text()).isEqualTo("at(2026-12-01T10:00:00)");
    }

    @Test
    void parse_awsCron_withBothDayFieldsSet_saysToUseQuestionMark() {
        assertThat(onlyProblem("cron(0 12 * * * *)", null))
                .isEqualTo("expression: cron day-of-month and day-of-week cannot both be set; use ? in one of them");
        assertThat(onlyProblem("cron(0 12 1 * MON *)", null)).contains("cannot both be set");
    }

    @Test
    void parse_awsCron_withBothDayFieldsOpen_saysToSetOne() {
        assertThat(onlyProblem("cron(0 12 ? * ? *)", null)).contains("cannot both be ?");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cron(60 12 * * ? *)     | not in range [0, 59]",
        "cron(0 24 * * ? *)      | not in range [0, 23]",
        "cron(0 12 ? * 0 *)      | not in range [1, 7]",
        "cron(0 12 * 13 ? *)     | not in range [1, 12]",
        "cron(0 12 * * ? 2200)   | not in range [1970, 2199]",
        "cron(0 12 * *)          | a cron needs 5 fields",
        "cron(0 12 * * ? * *)    | got 7",
        "cron()                  | got 0",
        "cron(0 12 ? * *)        | cron(0 12 ? * *) is not valid",
        "cron(0 12 L * *)        | is not valid",
        "cron(0 0 30 2 *)        | cron(0 0 30 2 *) never fires",
        "cron(x y z a b)         | is not valid"
    })
    void parse_badCron_namesTheProblem(String expression, String expected) {
        assertThat(onlyProblem(expression, "UTC")).startsWith("expression: ").contains(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rate(0 minutes)      | rate value must be 1 or more; got 0",
        "rate(1 minutes)      | rate(1 minutes) needs the singular unit, as AWS does: rate(1 minute)",
        "rate(5 minute)       | rate(5 minute) needs the plural unit, as AWS does: rate(5 minutes)",
        "rate(2 weeks)        | rate unit must be minute(s), hour(s) or day(s); got 'weeks'",
        "rate(5)              | a rate is a whole number and a unit",
        "rate(-5 minutes)     | a rate is a whole number and a unit",
        "rate(1.5 hours)      | a rate is a whole number and a unit",
        "rate(3651 days)      | rate interval must be at most 3650 days",
        "rate(999999999999999999 minutes) | rate interval must be at most 3650 days"
    })
    void parse_badRate_namesTheProblem(String expression, String expected) {
        assertThat(onlyProblem(expression, "UTC")).startsWith("expression: " + expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"at(2026-12-01)", "at(2026-02-30T10:00:00)", "at(2026-12-01T10:00)", "at(tomorrow)"})
    void parse_badAt_showsTheFormat(String expression) {
        assertThat(onlyProblem(expression, "UTC"))
                .startsWith("expression: at(...) needs a local date and time like at(2026-12-01T10:00:00)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "every 5 minutes", "0 12 * * ? *", "CRON(0 12 * * ? *)", "cron(0 12 * * ? *"})
    void parse_unknownForm_listsTheForms(String expression) {
        assertThat(onlyProblem(expression, "UTC")).startsWith("expression: ").contains("cron(...), rate(...) or at(...)");
    }

    @Test
    void parse_null_isRequired() {
        assertThat(onlyProblem(null, "UTC")).isEqualTo("expression: is required: cron(...), rate(...) or at(...)");
    }

    @Test
    void parse_tooLong_givesTheLimit() {
        assertThat(onlyProblem("rate(" + " ".repeat(300) + "1 minute)", "UTC"))
                .isEqualTo("expression: must be at most 256 characters; got 314");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus", "+02:00", "CET+1", "europe/berlin", "GMT+5"})
    void parse_unknownZone_asksForAnIanaName(String zone) {
        assertThat(onlyProblem("rate(5 minutes)", zone))
                .isEqualTo("zone: must be an IANA time zone name like Europe/Berlin or UTC; got '" + zone + "'");
    }

    @Test
    void parse_badExpressionAndZone_reportsBoth() {
        Validated<ScheduleExpression> parsed = Schedules.parse("rate(0 days)", "Nowhere/Land");

        assertThat(parsed.problems()).extracting(Problem::field).containsExactly("expression", "zone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Etc/UTC", "Asia/Kolkata", "Australia/Lord_Howe", "America/New_York"})
    void parse_ianaZones_areAccepted(String zone) {
        assertThat(valid("cron(0 12 * * ? *)", zone).zone()).isEqualTo(ZoneId.of(zone));
    }
}
