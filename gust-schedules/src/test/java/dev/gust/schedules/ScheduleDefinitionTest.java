package dev.gust.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleDefinitionTest {
    private static final Instant CREATED = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void define_valid_givesTheSchedule() {
        Schedule nightly = Schedules.define("nightly", "cron(0 2 * * ? *)", "Europe/Berlin", "queue", "reports", "latest", CREATED)
                .orThrow();

        assertThat(nightly.name()).isEqualTo("nightly");
        assertThat(nightly.target()).isEqualTo(new Target.Queue("reports"));
        assertThat(nightly.catchUp()).isEqualTo(CatchUp.LATEST);
        assertThat(nightly.expression().text()).isEqualTo("cron(0 2 * * ? *)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Orders_2026", "orders.fifo", "a"})
    void define_queueTarget_takesQueueNames(String queue) {
        var s = Schedules.define("s", "rate(1 hour)", "UTC", "queue", queue, "none", CREATED);

        assertThat(s.problems()).isEmpty();
        assertThat(s.orThrow().target()).isEqualTo(new Target.Queue(queue));
    }

    @Test
    void define_queueTargetWithABadName_isAProblemUnderTargetName() {
        var s = Schedules.define("s", "rate(1 hour)", "UTC", "queue", "orders queue", "none", CREATED);

        assertThat(s.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("target.name");
            assertThat(p.message()).contains("queue name").contains("'orders queue'");
        });
    }

    @Test
    void define_defaults_areUtcAndNoCatchUp() {
        Schedule s = Schedules.define("s", "rate(1 hour)", null, "function", "f", null, CREATED).orThrow();

        assertThat(s.expression().zone().getId()).isEqualTo("UTC");
        assertThat(s.catchUp()).isEqualTo(CatchUp.NONE);
    }

    @Test
    void define_anchorsARateAtCreation() {
        Schedule s = Schedules.define("s", "rate(1 hour)", null, "function", "f", "none", CREATED).orThrow();

        assertThat(((RateExpression) s.expression()).anchor()).isEqualTo(CREATED);
    }

    @Test
    void define_withEverythingWrong_reportsEveryProblemWithItsField() {
        Validated<Schedule> result = Schedules.define("Nightly!", "cron(0 2 * * * *)", "Moon/Base", "lambda", "-x", "some", CREATED);

        assertThat(result.problems()).extracting(Problem::toString).containsExactly(
                "name: must be lower-case letters, digits and dashes, starting with a letter, at most 63 characters; got 'Nightly!'",
                "expression: cron day-of-month and day-of-week cannot both be set; use ? in one of them",
                "zone: must be an IANA time zone name like Europe/Berlin or UTC; got 'Moon/Base'",
                "target.name: must be lower-case letters, digits and dashes, starting with a letter, at most 63 characters; got '-x'",
                "target.kind: must be function, queue, bus or workflow; got 'lambda'",
                "catch-up: must be none, latest or all; got 'some'");
    }

    @Test
    void orThrow_onInvalid_throwsEveryProblemAsASafeMessage() {
        Validated<Schedule> result = Schedules.define("n", "rate(0 minutes)", null, "function", "f", "ALL", CREATED);

        assertThatThrownBy(result::orThrow).isInstanceOf(ScheduleException.class)
                .hasMessage("expression: rate value must be 1 or more; got 0\ncatch-up: must be none, latest or all; got 'ALL'")
                .matches(e -> ((ScheduleException) e).isSafe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"function", "queue", "bus", "workflow"})
    void targetParse_eachKind_keepsItsName(String kind) {
        Target target = Target.parse(kind, "orders").orThrow();

        assertThat(target.kind()).isEqualTo(kind);
        assertThat(target.name()).isEqualTo("orders");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Orders", "9lives", "a_b", "a234567890123456789012345678901234567890123456789012345678901234"})
    void targetParse_badName_isRefused(String name) {
        assertThat(Target.parse("function", name).problems()).extracting(Problem::field).containsExactly("target.name");
    }

    @Test
    void targetParse_workflowWithAQueueStyleName_isRefusedUnderTargetName() {
        assertThat(Target.parse("workflow", "Order_Saga").problems()).extracting(Problem::field)
                .containsExactly("target.name");
    }

    @Test
    void targetParse_nulls_areProblemsNotExceptions() {
        assertThat(Target.parse(null, null).problems()).extracting(Problem::field).containsExactly("target.name", "target.kind");
    }

    @Test
    void target_madeDirectlyWithABadName_throwsNamingTheField() {
        assertThatThrownBy(() -> new Target.Bus("Bad Name")).isInstanceOf(ScheduleException.class)
                .hasMessageStartingWith("target.name: must be lower-case letters");
    }

    @Test
    void schedule_madeDirectlyWithABadName_throwsNamingTheField() {
        ScheduleExpression rate = Schedules.parse("rate(1 hour)").orThrow();

        assertThatThrownBy(() -> new Schedule("", rate, new Target.Function("f"), CatchUp.ALL, CREATED))
                .isInstanceOf(ScheduleException.class).hasMessageStartingWith("name: must be lower-case letters");
    }

    @Test
    void invalid_withoutProblems_cannotBeMade() {
        assertThatThrownBy(() -> new Validated.Invalid<Schedule>(java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
