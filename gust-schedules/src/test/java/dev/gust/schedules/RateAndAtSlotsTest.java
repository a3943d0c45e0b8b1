package dev.gust.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RateAndAtSlotsTest {
    private static final Instant CREATED = Instant.parse("2026-11-29T10:00:30.750Z");

    private static ScheduleExpression parse(String expression, String zone) {
        return Schedules.parse(expression, zone).orThrow();
    }

    @Test
    void rate_isCountedFromCreation_inWholeSeconds() {
        ScheduleExpression every5 = parse("rate(5 minutes)", "UTC").anchoredAt(CREATED);

        assertThat(every5.slotsBetween(CREATED, CREATED.plus(Duration.ofMinutes(16)), 10)).containsExactly(
                Instant.parse("2026-11-29T10:05:30Z"), Instant.parse("2026-11-29T10:10:30Z"), Instant.parse("2026-11-29T10:15:30Z"));
    }

    @Test
    void rate_creationInstantItself_isNotASlot() {
        ScheduleExpression hourly = parse("rate(1 hour)", "UTC").anchoredAt(Instant.parse("2026-11-29T10:00:00Z"));

        assertThat(hourly.previousBefore(Instant.parse("2026-11-29T10:00:00.001Z"))).isEmpty();
        assertThat(hourly.previousBefore(Instant.parse("2026-11-29T11:00:00Z"))).isEmpty();
        assertThat(hourly.previousBefore(Instant.parse("2026-11-29T11:00:00.001Z"))).contains(Instant.parse("2026-11-29T11:00:00Z"));
        assertThat(hourly.nextAfter(Instant.parse("2020-01-01T00:00:00Z"))).contains(Instant.parse("2026-11-29T11:00:00Z"));
    }

    @Test
    void rateInDays_isTwentyFourHours_evenAcrossDaylightSaving() {
        // created at noon CET the day before Berlin springs forward: the next slot is 13:00 CEST
        ScheduleExpression daily = parse("rate(1 day)", "Europe/Berlin").anchoredAt(Instant.parse("2026-03-28T11:00:00Z"));

        assertThat(daily.nextAfter(Instant.parse("2026-03-28T11:00:00Z"))).contains(Instant.parse("2026-03-29T11:00:00Z"));
        assertThat(daily.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void rate_withAZeroValue_cannotBeMade() {
        assertThatThrownBy(() -> new RateExpression(0, RateExpression.Unit.MINUTE, ZoneId.of("UTC"), CREATED))
                .isInstanceOf(ScheduleException.class)
                .hasMessage("expression: rate value must be 1 or more; got 0");
    }

    @Test
    void at_firesOnce() {
        ScheduleExpression once = parse("at(2026-12-01T10:00:00)", "UTC");
        Instant slot = Instant.parse("2026-12-01T10:00:00Z");

        assertThat(once.nextAfter(CREATED)).contains(slot);
        assertThat(once.nextAfter(slot)).isEmpty();
        assertThat(once.previousBefore(slot)).isEmpty();
        assertThat(once.previousBefore(slot.plusMillis(1))).contains(slot);
        assertThat(once.slotsBetween(CREATED, slot.plus(Duration.ofDays(400)), 10)).containsExactly(slot);
    }

    @Test
    void at_inASpringForwardGap_firesAsManyMinutesAfterTheGap() {
        // 02:30 does not exist in Berlin on 2026-03-29; it reads as 03:30 CEST
        AtExpression inGap = (AtExpression) parse("at(2026-03-29T02:30:00)", "Europe/Berlin");

        assertThat(inGap.instant()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void at_inARepeatedHour_firesAtTheFirstOccurrence() {
        AtExpression repeated = (AtExpression) parse("at(2026-11-01T01:30:00)", "America/New_York");

        assertThat(repeated.instant()).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
    }

    @Test
    void anchoredAt_leavesCronAndAtAlone() {
        ScheduleExpression cron = parse("cron(0 12 * * ? *)", "UTC");
        ScheduleExpression at = parse("at(2026-12-01T10:00:00)", "UTC");

        assertThat(cron.anchoredAt(CREATED)).isSameAs(cron);
        assertThat(at.anchoredAt(CREATED)).isSameAs(at);
    }
}
