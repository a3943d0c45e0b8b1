package dev.gust.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Cron slots, including what happens on daylight-saving days (docs/schedules.md). */
class CronSlotsTest {

    private static ScheduleExpression cron(String expression, String zone) {
        return Schedules.parse(expression, zone).orThrow();
    }

    private static List<Instant> slots(ScheduleExpression e, String from, String to) {
        return e.slotsBetween(Instant.parse(from), Instant.parse(to), 100);
    }

    private static List<Instant> instants(String... texts) {
        return List.of(texts).stream().map(Instant::parse).toList();
    }

    @Test
    void nextAfter_isStrictlyAfter() {
        ScheduleExpression noon = cron("cron(0 12 * * ? *)", "UTC");

        assertThat(noon.nextAfter(Instant.parse("2026-11-29T12:00:00Z"))).contains(Instant.parse("2026-11-30T12:00:00Z"));
        assertThat(noon.nextAfter(Instant.parse("2026-11-29T11:59:59.999Z"))).contains(Instant.parse("2026-11-29T12:00:00Z"));
    }

    @Test
    void previousBefore_isStrictlyBefore() {
        ScheduleExpression noon = cron("cron(0 12 * * ? *)", "UTC");

        assertThat(noon.previousBefore(Instant.parse("2026-11-29T12:00:00Z"))).contains(Instant.parse("2026-11-28T12:00:00Z"));
        assertThat(noon.previousBefore(Instant.parse("2026-11-29T12:00:00.001Z"))).contains(Instant.parse("2026-11-29T12:00:00Z"));
    }

    @Test
    void awsCron_inAZone_firesAtWallClockTime() {
        ScheduleExpression weekdays = cron("cron(0 9 ? * MON-FRI *)", "America/New_York");

        assertThat(slots(weekdays, "2026-11-27T00:00:00Z", "2026-12-02T00:00:00Z"))
                .containsExactlyElementsOf(instants("2026-11-27T14:00:00Z", "2026-11-30T14:00:00Z", "2026-12-01T14:00:00Z"));
    }

    @Test
    void awsCron_lastDayOfMonth_andThirdFriday() {
        assertThat(slots(cron("cron(0 12 L * ? *)", "UTC"), "2027-01-01T00:00:00Z", "2027-03-31T23:00:00Z"))
                .containsExactlyElementsOf(instants("2027-01-31T12:00:00Z", "2027-02-28T12:00:00Z", "2027-03-31T12:00:00Z"));
        assertThat(slots(cron("cron(0 12 ? * 6#3 *)", "UTC"), "2026-12-01T00:00:00Z", "2027-01-31T00:00:00Z"))
                .containsExactlyElementsOf(instants("2026-12-18T12:00:00Z", "2027-01-15T12:00:00Z"));
    }

    @Test
    void awsCron_nearestWeekday_movesOffTheWeekend() {
        // 2026-11-15 is a Sunday, 2027-05-15 a Saturday
        ScheduleExpression fifteenth = cron("cron(0 12 15W * ? *)", "UTC");

        assertThat(fifteenth.nextAfter(Instant.parse("2026-11-01T00:00:00Z"))).contains(Instant.parse("2026-11-16T12:00:00Z"));
        assertThat(fifteenth.nextAfter(Instant.parse("2027-05-01T00:00:00Z"))).contains(Instant.parse("2027-05-14T12:00:00Z"));
    }

    @Test
    void awsCron_yearField_endsTheSchedule() {
        ScheduleExpression only2026 = cron("cron(0 12 31 12 ? 2026)", "UTC");

        assertThat(only2026.nextAfter(Instant.parse("2026-01-01T00:00:00Z"))).contains(Instant.parse("2026-12-31T12:00:00Z"));
        assertThat(only2026.nextAfter(Instant.parse("2026-12-31T12:00:00Z"))).isEmpty();
    }

    @Test
    void unixCron_bothDayFields_meansEither() {
        // Vixie cron: the 1st of the month or any Monday; 2026-11-30 is a Monday
        assertThat(slots(cron("cron(0 0 1 * MON)", "UTC"), "2026-11-29T00:00:00Z", "2026-12-08T00:00:00Z"))
                .containsExactlyElementsOf(instants("2026-11-30T00:00:00Z", "2026-12-01T00:00:00Z", "2026-12-07T00:00:00Z"));
    }

    @Test
    void unixCron_sundayIsZeroOrSeven() {
        Instant from = Instant.parse("2026-11-29T01:00:00Z");

        assertThat(cron("cron(0 0 * * 0)", "UTC").nextAfter(from)).isEqualTo(cron("cron(0 0 * * 7)", "UTC").nextAfter(from));
    }

    @Test
    void springForward_berlin_dailySlotInTheGap_isSkippedThatDay() {
        // 2026-03-29 02:00 CET jumps to 03:00 CEST: 02:30 does not exist that day
        ScheduleExpression at0230 = cron("cron(30 2 * * ? *)", "Europe/Berlin");

        assertThat(slots(at0230, "2026-03-27T00:00:00Z", "2026-03-31T00:00:00Z")).containsExactlyElementsOf(instants(
                "2026-03-27T01:30:00Z", "2026-03-28T01:30:00Z", "2026-03-30T00:30:00Z"));
    }

    @Test
    void springForward_newYork_dailySlotInTheGap_isSkippedThatDay() {
        // 2026-03-08 02:00 EST jumps to 03:00 EDT
        ScheduleExpression at0230 = cron("cron(30 2 * * *)", "America/New_York");

        assertThat(slots(at0230, "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z"))
                .containsExactlyElementsOf(instants("2026-03-07T07:30:00Z", "2026-03-09T06:30:00Z"));
    }

    @Test
    void springForward_frequentCron_losesOnlyTheMissingWallClockTimes() {
        ScheduleExpression quarterly = cron("cron(*/15 * * * *)", "Europe/Berlin");

        // 01:45 CET is 00:45Z, the next wall-clock time that exists is 03:00 CEST = 01:00Z
        assertThat(slots(quarterly, "2026-03-29T00:30:00Z", "2026-03-29T01:15:00Z"))
                .containsExactlyElementsOf(instants("2026-03-29T00:45:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:15:00Z"));
    }

    @Test
    void fallBack_berlin_dailySlotInTheRepeatedHour_firesOnceAtItsFirstOccurrence() {
        // 2026-10-25 03:00 CEST falls back to 02:00 CET: 02:30 happens at 00:30Z and again at 01:30Z
        ScheduleExpression at0230 = cron("cron(30 2 * * ? *)", "Europe/Berlin");

        assertThat(slots(at0230, "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z")).containsExactlyElementsOf(instants(
                "2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"));
    }

    @Test
    void fallBack_newYork_dailySlotInTheRepeatedHour_firesOnce() {
        // 2026-11-01 02:00 EDT falls back to 01:00 EST: 01:30 happens at 05:30Z and 06:30Z
        ScheduleExpression at0130 = cron("cron(30 1 * * *)", "America/New_York");

        assertThat(slots(at0130, "2026-10-31T00:00:00Z", "2026-11-03T00:00:00Z")).containsExactlyElementsOf(instants(
                "2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"));
    }

    @Test
    void fallBack_hourlyCron_doesNotRepeatTheHour() {
        // wall clock 01:00, 02:00, (02:00 again: skipped), 03:00
        ScheduleExpression hourly = cron("cron(0 * * * ? *)", "Europe/Berlin");

        assertThat(slots(hourly, "2026-10-24T22:30:00Z", "2026-10-25T02:00:00Z")).containsExactlyElementsOf(instants(
                "2026-10-24T23:00:00Z", "2026-10-25T00:00:00Z", "2026-10-25T02:00:00Z"));
    }

    @Test
    void fallBack_previousBefore_inTheSecondPass_findsTheFirstPassSlot() {
        // 01:30Z is 02:30 CET (second pass); 02:45 CEST (first pass, 00:45Z) is the slot before it
        ScheduleExpression at0245 = cron("cron(45 2 * * ? *)", "Europe/Berlin");
        Instant secondPass = Instant.parse("2026-10-25T01:30:00Z");

        assertThat(at0245.previousBefore(secondPass)).contains(Instant.parse("2026-10-25T00:45:00Z"));
        assertThat(at0245.nextAfter(secondPass)).contains(Instant.parse("2026-10-26T01:45:00Z"));
    }

    @Test
    void utc_hasNoDaylightSavingEffects() {
        ScheduleExpression at0230 = cron("cron(30 2 * * ? *)", "UTC");

        assertThat(slots(at0230, "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z")).hasSize(3);
    }

    @Test
    void slotsBetween_stopsAtMax_andAtTheEnd() {
        ScheduleExpression minutely = cron("cron(* * * * *)", "UTC");
        Instant from = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(minutely.slotsBetween(from, from.plusSeconds(3600), 5)).hasSize(5);
        assertThat(minutely.slotsBetween(from, from.plusSeconds(180), 100)).hasSize(3);
        assertThat(minutely.slotsBetween(from, from.minusSeconds(60), 100)).isEmpty();
        assertThat(minutely.slotsBetween(from, from.plusSeconds(60), 0)).isEmpty();
    }

    @Test
    void slotsBetween_negativeMax_isRefused() {
        ScheduleExpression minutely = cron("cron(* * * * *)", "UTC");

        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> minutely.slotsBetween(Instant.EPOCH, Instant.EPOCH, -1))
                .withMessage("max: must be 0 or more; got -1");
    }

    @Test
    void equalExpressions_areEqual() {
        assertThat(cron("cron(0 12 * * ? *)", "UTC")).isEqualTo(cron(" cron(0  12 * * ? *)", "UTC"))
                .hasSameHashCodeAs(cron("cron(0 12 * * ? *)", "UTC"))
                .isNotEqualTo(cron("cron(0 12 * * ? *)", "Europe/Berlin"));
        assertThat(Optional.of(cron("cron(0 12 * * ? *)", "UTC").toString())).contains("cron(0 12 * * ? *) in UTC");
    }
}
