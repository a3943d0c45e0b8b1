package dev.gust.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SchedulePropertiesTest {
    private static final List<String> EXPRESSIONS = List.of(
            "cron(* * * * *)", "cron(*/7 * * * *)", "cron(30 2 * * *)", "cron(0 0 1 * MON)", "cron(15 1,2,3 * * *)",
            "cron(0 12 * * ? *)", "cron(45 2 ? * SUN *)", "cron(0/20 0-3 * * ? *)", "cron(0 12 L * ? *)",
            "cron(0 9 ? * 2#1 *)", "cron(30 1 15W * ? *)", "cron(0 * * * ? *)",
            "rate(1 minute)", "rate(7 minutes)", "rate(1 hour)", "rate(3 hours)", "rate(1 day)", "rate(2 days)",
            "at(2026-03-29T02:30:00)", "at(2026-11-01T01:30:00)");
    private static final List<String> ZONES = List.of(
            "UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "America/Sao_Paulo");
    // the days clocks change in 2026 in the zones above, where bugs live
    private static final List<Instant> TRANSITIONS = List.of(
            Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-10-25T01:00:00Z"),
            Instant.parse("2026-03-08T07:00:00Z"), Instant.parse("2026-11-01T06:00:00Z"),
            Instant.parse("2026-04-04T15:00:00Z"), Instant.parse("2026-10-03T15:30:00Z"));

    @Provide
    Arbitrary<ScheduleExpression> expressions() {
        return Combinators.combine(Arbitraries.of(EXPRESSIONS), Arbitraries.of(ZONES), instants())
                .as((e, z, anchor) -> Schedules.parse(e, z).orThrow().anchoredAt(anchor));
    }

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Instant> anywhere = Arbitraries.longs().between(1_700_000_000L, 1_900_000_000L).map(Instant::ofEpochSecond);
        Arbitrary<Instant> nearChange = Combinators.combine(Arbitraries.of(TRANSITIONS), Arbitraries.longs().between(-4 * 3600, 4 * 3600))
                .as(Instant::plusSeconds);
        Arbitrary<Long> nanos = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(3, 0L), net.jqwik.api.Tuple.of(1, 1L), net.jqwik.api.Tuple.of(1, 999_999_999L));
        return Combinators.combine(Arbitraries.oneOf(anywhere, nearChange), nanos).as(Instant::plusNanos);
    }

    @Property(tries = 300)
    void slotsBetween_areStrictlyIncreasing_andEachIsTheNextAfterThePrevious(
            @ForAll("expressions") ScheduleExpression expression, @ForAll("instants") Instant from) {
        List<Instant> slots = expression.slotsBetween(from, from.plus(Duration.ofDays(3)), 40);

        Instant previous = from;
        for (Instant slot : slots) {
            assertThat(slot).isAfter(previous);
            assertThat(expression.nextAfter(previous)).contains(slot);
            previous = slot;
        }
    }

    @Property(tries = 300)
    void previousBefore_andNextAfter_agreeOnEveryInstant(
            @ForAll("expressions") ScheduleExpression expression, @ForAll("instants") Instant t) {
        Optional<Instant> before = expression.previousBefore(t);
        Optional<Instant> after = expression.nextAfter(t);

        before.ifPresent(p -> {
            assertThat(p).isBefore(t);
            // no slot lies strictly between the one before t and t
            assertThat(expression.nextAfter(p).map(n -> !n.isBefore(t)).orElse(true)).isTrue();
        });
        after.ifPresent(n -> {
            assertThat(n).isAfter(t);
            assertThat(expression.previousBefore(n).map(p -> !p.isAfter(t)).orElse(true)).isTrue();
        });
    }

    @Property(tries = 200)
    void rate_slots_areEvenlySpaced(
            @ForAll("rates") String rate, @ForAll("instants") Instant anchor, @ForAll("instants") Instant from) {
        RateExpression expression = (RateExpression) Schedules.parse(rate, "Europe/Berlin").orThrow().anchoredAt(anchor);

        Instant start = from.isAfter(anchor) ? from : anchor;
        List<Instant> slots = expression.slotsBetween(start, start.plus(expression.interval().multipliedBy(30)), 30);

        assertThat(slots).hasSizeGreaterThanOrEqualTo(29);
        for (int i = 1; i < slots.size(); i++) {
            assertThat(Duration.between(slots.get(i - 1), slots.get(i))).isEqualTo(expression.interval());
        }
    }

    @Provide
    Arbitrary<String> rates() {
        return Arbitraries.of("rate(1 minute)", "rate(5 minutes)", "rate(1 hour)", "rate(13 hours)", "rate(1 day)", "rate(2 days)");
    }

    @Property(tries = 200)
    void due_neverReturnsASlotTwice_asTheClockMoves(
            @ForAll("expressions") ScheduleExpression expression, @ForAll CatchUp policy,
            @ForAll("instants") Instant created,
            @ForAll @Size(min = 1, max = 25) List<@IntRange(min = 0, max = 6 * 60) Integer> minutesBetweenChecks) {
        Schedule schedule = new Schedule("s", expression, new Target.Function("f"), policy, created);
        ManualClock clock = new ManualClock(created);
        Firings firings = Firings.create(clock, Firings.DEFAULT_GRACE, 50);
        Set<String> fired = new HashSet<>();
        Optional<Instant> lastFired = Optional.empty();

        for (int minutes : minutesBetweenChecks) {
            clock.advance(Duration.ofMinutes(minutes).plusSeconds(minutes % 7));
            List<Slot> due = firings.due(schedule, lastFired).slots();
            assertThat(due).hasSizeLessThanOrEqualTo(policy == CatchUp.ALL ? 50 : 1);
            for (Slot slot : due) {
                assertThat(slot.at()).isAfter(lastFired.orElse(created)).isBeforeOrEqualTo(clock.instant());
                assertThat(fired.add(slot.id())).as("fired twice: %s", slot.id()).isTrue();
                lastFired = Optional.of(slot.at());
            }
        }
    }

    @Property(tries = 300)
    void due_all_isEveryMissedSlotOldestFirst(
            @ForAll("expressions") ScheduleExpression expression, @ForAll("instants") Instant created,
            @ForAll @IntRange(min = 0, max = 3 * 24 * 60) int minutesDown) {
        Schedule schedule = new Schedule("s", expression, new Target.Queue("q"), CatchUp.ALL, created);
        ManualClock clock = new ManualClock(created.plus(Duration.ofMinutes(minutesDown)));

        Due due = Firings.create(clock, Firings.DEFAULT_GRACE, 5_000).due(schedule, Optional.empty());

        assertThat(due.slots()).extracting(Slot::at)
                .containsExactlyElementsOf(schedule.expression().slotsBetween(created, clock.instant(), 5_000));
    }

    @Property(tries = 1000)
    void parse_neverThrows_onArbitraryText(@ForAll String expression, @ForAll String zone) {
        Validated<ScheduleExpression> parsed = Schedules.parse(expression, zone);

        assertThat(parsed.problems()).allSatisfy(p -> assertThat(p.field()).isIn("expression", "zone"));
    }

    @Property(tries = 1000)
    void parse_neverThrows_onCronLookingText(@ForAll("cronish") String fields, @ForAll("anyZone") String zone) {
        Validated<ScheduleExpression> parsed = Schedules.parse("cron(" + fields + ")", zone);

        if (parsed instanceof Validated.Valid<ScheduleExpression> valid) {
            assertThat(valid.value().nextAfter(Instant.EPOCH)).isPresent();
        } else {
            assertThat(parsed.problems()).isNotEmpty();
        }
    }

    @Provide
    Arbitrary<String> cronish() {
        Arbitrary<String> field = Arbitraries.strings().withChars("0123456789*/?,-LW#").ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> named = Arbitraries.of("MON", "fri", "JAN", "dec", "MON-FRI", "SUN#2", "6L", "LW", "15W", "?", "*");
        return Arbitraries.oneOf(field, named).list().ofMinSize(4).ofMaxSize(7).map(l -> String.join(" ", l));
    }

    @Provide
    Arbitrary<String> anyZone() {
        return Arbitraries.oneOf(Arbitraries.of(ZONES), Arbitraries.strings().ofMaxLength(12));
    }

    @Property(tries = 500)
    void parse_neverThrows_onRateAndAtLookingText(
            @ForAll("rateOrAt") String form, @ForAll @net.jqwik.api.constraints.StringLength(max = 30) String inside) {
        Validated<ScheduleExpression> parsed = Schedules.parse(form + "(" + inside + ")", "UTC");

        assertThat(parsed).isNotNull();
    }

    @Provide
    Arbitrary<String> rateOrAt() {
        return Arbitraries.of("rate", "at");
    }
}
