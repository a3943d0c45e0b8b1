package dev.gust.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FiringsTest {
    private static final Instant CREATED = Instant.parse("2026-11-29T00:00:00Z");
    private final ManualClock clock = new ManualClock(CREATED);
    private final Firings firings = Firings.create(clock);

    private static Schedule hourly(String catchUp) {
        return Schedules.define("hourly", "cron(0 * * * ? *)", "UTC", "function", "report", catchUp, CREATED).orThrow();
    }

    private static List<Instant> at(Due due) {
        return due.slots().stream().map(Slot::at).toList();
    }

    private Due dueAt(String now, Schedule schedule, Optional<Instant> lastFired) {
        clock.set(Instant.parse(now));
        return firings.due(schedule, lastFired);
    }

    @Test
    void none_firesTheSlotThatIsDueNow() {
        Due due = dueAt("2026-11-29T01:00:00Z", hourly("none"), Optional.empty());

        assertThat(due.slots()).containsExactly(new Slot("hourly", Instant.parse("2026-11-29T01:00:00Z")));
        assertThat(due.dropped()).isFalse();
    }

    @Test
    void none_firesASlotNoticedWithinTheGracePeriod() {
        assertThat(at(dueAt("2026-11-29T01:01:00Z", hourly("none"), Optional.empty())))
                .containsExactly(Instant.parse("2026-11-29T01:00:00Z"));
    }

    @Test
    void none_dropsASlotNoticedAfterTheGracePeriod() {
        assertThat(dueAt("2026-11-29T01:01:00.001Z", hourly("none"), Optional.empty()).slots()).isEmpty();
    }

    @Test
    void none_afterAnOutage_firesNothingUntilTheNextSlot() {
        Schedule schedule = hourly("none");
        Optional<Instant> fired = Optional.of(Instant.parse("2026-11-29T01:00:00Z"));

        assertThat(dueAt("2026-11-29T05:30:00Z", schedule, fired).slots()).isEmpty();
        assertThat(at(dueAt("2026-11-29T06:00:10Z", schedule, fired))).containsExactly(Instant.parse("2026-11-29T06:00:00Z"));
    }

    @Test
    void none_withAZeroGrace_firesOnlyOnTheDot() {
        Firings strict = Firings.create(clock, Duration.ZERO, 10);
        clock.set(Instant.parse("2026-11-29T01:00:00Z"));

        assertThat(strict.due(hourly("none"), Optional.empty()).slots()).hasSize(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(strict.due(hourly("none"), Optional.empty()).slots()).isEmpty();
    }

    @Test
    void anyPolicy_theSlotAlreadyFired_isNotDueAgain() {
        for (String policy : List.of("none", "latest", "all")) {
            Optional<Instant> fired = Optional.of(Instant.parse("2026-11-29T01:00:00Z"));

            assertThat(dueAt("2026-11-29T01:00:30Z", hourly(policy), fired).slots()).as(policy).isEmpty();
        }
    }

    @Test
    void anyPolicy_beforeTheFirstSlot_nothingIsDue() {
        for (String policy : List.of("none", "latest", "all")) {
            assertThat(dueAt("2026-11-29T00:59:59Z", hourly(policy), Optional.empty()).slots()).as(policy).isEmpty();
        }
    }

    @Test
    void anyPolicy_aSlotAtTheCreationInstant_doesNotFire() {
        for (String policy : List.of("none", "latest", "all")) {
            assertThat(dueAt("2026-11-29T00:00:30Z", hourly(policy), Optional.empty()).slots()).as(policy).isEmpty();
        }
    }

    @Test
    void latest_afterAnOutage_firesOnlyTheNewestMissedSlot() {
        Optional<Instant> fired = Optional.of(Instant.parse("2026-11-29T01:00:00Z"));

        assertThat(at(dueAt("2026-11-29T05:30:00Z", hourly("latest"), fired)))
                .containsExactly(Instant.parse("2026-11-29T05:00:00Z"));
    }

    @Test
    void all_afterAnOutage_firesEveryMissedSlotOldestFirst() {
        Optional<Instant> fired = Optional.of(Instant.parse("2026-11-29T01:00:00Z"));

        Due due = dueAt("2026-11-29T04:30:00Z", hourly("all"), fired);

        assertThat(at(due)).containsExactly(Instant.parse("2026-11-29T02:00:00Z"),
                Instant.parse("2026-11-29T03:00:00Z"), Instant.parse("2026-11-29T04:00:00Z"));
        assertThat(due.dropped()).isFalse();
    }

    @Test
    void all_beyondTheCap_keepsTheNewestSlotsAndSaysOlderWereDropped() {
        Firings capped = Firings.create(clock, Firings.DEFAULT_GRACE, 2);
        clock.set(Instant.parse("2026-11-29T04:30:00Z"));

        Due due = capped.due(hourly("all"), Optional.of(Instant.parse("2026-11-29T01:00:00Z")));

        assertThat(at(due)).containsExactly(Instant.parse("2026-11-29T03:00:00Z"), Instant.parse("2026-11-29T04:00:00Z"));
        assertThat(due.dropped()).isTrue();
    }

    @Test
    void all_exactlyAtTheCap_dropsNothing() {
        Firings capped = Firings.create(clock, Firings.DEFAULT_GRACE, 3);
        clock.set(Instant.parse("2026-11-29T04:30:00Z"));

        Due due = capped.due(hourly("all"), Optional.of(Instant.parse("2026-11-29T01:00:00Z")));

        assertThat(due.slots()).hasSize(3);
        assertThat(due.dropped()).isFalse();
    }

    @Test
    void all_afterAYearDown_firesTheDefaultCapOfAMinutelySchedule() {
        Schedule minutely = Schedules.define("tick", "cron(* * * * *)", null, "queue", "ticks", "all", CREATED).orThrow();

        Due due = dueAt("2027-11-29T00:00:00Z", minutely, Optional.empty());

        assertThat(due.slots()).hasSize(Firings.DEFAULT_MAX_CATCH_UP);
        assertThat(due.slots().get(due.slots().size() - 1).at()).isEqualTo(Instant.parse("2027-11-29T00:00:00Z"));
        assertThat(due.dropped()).isTrue();
    }

    @Test
    void rate_firesCountingFromCreation() {
        Schedule every5 = Schedules.define("poll", "rate(5 minutes)", "UTC", "bus", "default", "all",
                Instant.parse("2026-11-29T00:00:20Z")).orThrow();

        assertThat(at(dueAt("2026-11-29T00:11:00Z", every5, Optional.empty())))
                .containsExactly(Instant.parse("2026-11-29T00:05:20Z"), Instant.parse("2026-11-29T00:10:20Z"));
    }

    @Test
    void at_firesOnceAndThenNeverAgain() {
        Schedule once = Schedules.define("launch", "at(2026-12-01T10:00:00)", "UTC", "function", "launch", "latest", CREATED)
                .orThrow();
        Instant slot = Instant.parse("2026-12-01T10:00:00Z");

        assertThat(at(dueAt("2026-12-01T10:00:05Z", once, Optional.empty()))).containsExactly(slot);
        assertThat(dueAt("2027-12-01T10:00:05Z", once, Optional.of(slot)).slots()).isEmpty();
    }

    @Test
    void at_inThePastWhenCreated_neverFires() {
        Schedule late = Schedules.define("late", "at(2026-01-01T10:00:00)", "UTC", "function", "f", "all", CREATED).orThrow();

        assertThat(dueAt("2026-12-01T00:00:00Z", late, Optional.empty()).slots()).isEmpty();
    }

    @Test
    void slotId_isTheScheduleNameAndInstant() {
        Due due = dueAt("2026-11-29T01:00:00Z", hourly("none"), Optional.empty());

        assertThat(due.slots().get(0).id()).isEqualTo("hourly@2026-11-29T01:00:00Z");
    }

    @Test
    void create_withBadSettings_saysWhatIsAllowed() {
        assertThatThrownBy(() -> Firings.create(clock, Duration.ofSeconds(-1), 10))
                .isInstanceOf(ScheduleException.class).hasMessage("grace: must be 0 or more; got PT-1S");
        assertThatThrownBy(() -> Firings.create(clock, Duration.ZERO, 0))
                .isInstanceOf(ScheduleException.class).hasMessage("maxCatchUp: must be 1..100000; got 0");
    }
}
