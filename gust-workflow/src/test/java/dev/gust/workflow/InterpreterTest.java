package dev.gust.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The error rules of Retry and Catch: which names match, and how long a retry waits. */
class InterpreterTest {
    private final Interpreter interpreter = new Interpreter(ManualClock.atEpochOfTests(), Intrinsics.standard(), new Random(3));

    private static Retrier retrier(long interval, double backoff, OptionalLong maxDelay, Retrier.JitterStrategy jitter) {
        return new Retrier(List.of("States.ALL"), interval, 5, backoff, maxDelay, jitter);
    }

    @Test
    void delay_growsByTheBackoffRate_upToMaxDelaySeconds() {
        Retrier r = retrier(2, 3.0, OptionalLong.of(10), Retrier.JitterStrategy.NONE);

        assertThat(List.of(interpreter.delay(r, 0), interpreter.delay(r, 1), interpreter.delay(r, 2)))
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(6), Duration.ofSeconds(10));
    }

    @Test
    void delay_withFullJitter_staysBetweenZeroAndTheBackoff() {
        Retrier r = retrier(4, 2.0, OptionalLong.empty(), Retrier.JitterStrategy.FULL);

        for (int i = 0; i < 200; i++) {
            assertThat(interpreter.delay(r, 1)).isBetween(Duration.ZERO, Duration.ofSeconds(8));
        }
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> interpreter.delay(r, 1)).distinct().count())
                .as("randomised").isGreaterThan(1);
    }

    @Test
    void matches_statesAll_takesEveryErrorButStatesRuntime() {
        assertThat(Interpreter.matches(List.of("States.ALL"), "Custom")).isTrue();
        assertThat(Interpreter.matches(List.of("States.ALL"), "States.Timeout")).isTrue();
        assertThat(Interpreter.matches(List.of("States.ALL"), "States.Runtime")).isFalse();
    }

    @Test
    void matches_taskFailed_takesEveryErrorButTimeoutAndRuntime() {
        assertThat(Interpreter.matches(List.of("States.TaskFailed"), "CardDeclined")).isTrue();
        assertThat(Interpreter.matches(List.of("States.TaskFailed"), "States.Timeout")).isFalse();
        assertThat(Interpreter.matches(List.of("States.TaskFailed"), "States.Runtime")).isFalse();
        assertThat(Interpreter.matches(List.of("States.Timeout"), "States.Timeout")).isTrue();
    }

    @Test
    void matches_otherNames_onlyThemselves() {
        assertThat(Interpreter.matches(List.of("A", "B"), "B")).isTrue();
        assertThat(Interpreter.matches(List.of("A", "B"), "C")).isFalse();
    }
}
