package dev.gust.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.bench.KeepAliveTrace.FunctionSpec;
import dev.gust.bench.KeepAliveTrace.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class KeepAliveTraceTest {
    private static final long SEED = KeepAliveTrace.DEFAULT_SEED;
    private final List<FunctionSpec> many = KeepAliveTrace.generate(SEED, 4_000, Duration.ofDays(1)).functions();

    @Test
    void generate_withTheSameSeed_yieldsTheSameFunctionsAndInvocations() {
        KeepAliveTrace a = KeepAliveTrace.generate(SEED, 50, Duration.ofDays(2));
        KeepAliveTrace b = KeepAliveTrace.generate(SEED, 50, Duration.ofDays(2));

        assertThat(a.functions()).isEqualTo(b.functions());
        assertThat(invocations(a, a.functions().get(7))).isEqualTo(invocations(b, b.functions().get(7)));
        assertThat(KeepAliveTrace.generate(SEED + 1, 50, Duration.ofDays(2)).functions())
                .isNotEqualTo(a.functions());
    }

    @Test
    void dailyRates_spanOrdersOfMagnitude_withThePapersShareOfRarelyInvokedFunctions() {
        assertThat(share(f -> f.perDay() <= 24)).as("at most once an hour: ~45%").isBetween(0.41, 0.49);
        assertThat(share(f -> f.perDay() <= 1440)).as("at most once a minute: ~81%").isBetween(0.77, 0.85);
        assertThat(share(f -> f.perDay() < 1)).isGreaterThan(0.05);
        assertThat(share(f -> f.perDay() > 10_000)).isGreaterThan(0.03);
    }

    @Test
    void memory_isMostly100To300Mb_andExecutionMostlyUnderAFewSeconds() {
        assertThat(share(f -> f.memoryMb() >= 100 && f.memoryMb() <= 300)).isGreaterThan(0.75);
        assertThat(share(f -> f.meanExecSeconds() <= 1)).as("about half under a second").isBetween(0.5, 0.63);
        assertThat(share(f -> f.meanExecSeconds() <= 60)).isGreaterThan(0.9);
    }

    @Test
    void patterns_mixPeriodicPoissonAndBursty_withTheirInterArrivalCvs() {
        assertThat(share(f -> f.pattern() == Pattern.PERIODIC)).isBetween(0.17, 0.23);
        assertThat(share(f -> f.pattern() == Pattern.POISSON)).isBetween(0.37, 0.43);

        assertThat(interArrivalCv(Pattern.PERIODIC)).isLessThan(0.1);
        assertThat(interArrivalCv(Pattern.POISSON)).isBetween(0.85, 1.15);
        assertThat(interArrivalCv(Pattern.BURSTY)).isGreaterThan(1.5);
    }

    @Test
    void periodicFunctions_runOnTimerPeriodsPeoplePick() {
        many.stream().filter(f -> f.pattern() == Pattern.PERIODIC).forEach(f ->
                assertThat(KeepAliveTrace.TIMER_MINUTES).contains((int) Math.round(1440 / f.perDay())));
    }

    @Test
    void replay_staysInsideTheSpan_inStartOrder_withNonNegativeRunTimes() {
        KeepAliveTrace trace = KeepAliveTrace.generate(SEED, 40, Duration.ofDays(1));
        for (FunctionSpec f : trace.functions()) {
            List<Call> calls = invocations(trace, f);
            for (int i = 0; i < calls.size(); i++) {
                assertThat(calls.get(i).start()).isBetween(0L, trace.span().toMillis() - 1);
                assertThat(calls.get(i).duration()).isNotNegative();
                if (i > 0) {
                    assertThat(calls.get(i).start()).isGreaterThan(calls.get(i - 1).start());
                }
            }
        }
    }

    @Test
    void generate_withBadArguments_isRefusedNamingTheField() {
        assertThatThrownBy(() -> KeepAliveTrace.generate(SEED, 10, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("span must be positive, was PT0S");
        assertThatThrownBy(() -> KeepAliveTrace.generate(SEED, 0, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("count must be positive, was 0");
        assertThatThrownBy(() -> new FunctionSpec(3, Pattern.POISSON, 0, 1, 128, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("function 3: perDay");
    }

    private record Call(long start, long duration) {
    }

    private double share(Predicate<FunctionSpec> p) {
        return (double) many.stream().filter(p).count() / many.size();
    }

    /** The CV of inter-arrival times of a function of the pattern invoked ~once a minute for a week. */
    private static double interArrivalCv(Pattern pattern) {
        FunctionSpec f = new FunctionSpec(0, pattern, 1440, 0.1, 128, 42);
        KeepAliveTrace trace = KeepAliveTrace.of(List.of(f), Duration.ofDays(7));
        List<Call> calls = invocations(trace, f);
        double[] gaps = new double[calls.size() - 1];
        for (int i = 1; i < calls.size(); i++) {
            gaps[i - 1] = calls.get(i).start() - calls.get(i - 1).start();
        }
        double mean = java.util.Arrays.stream(gaps).average().orElseThrow();
        double var = java.util.Arrays.stream(gaps).map(g -> (g - mean) * (g - mean)).average().orElseThrow();
        return Math.sqrt(var) / mean;
    }

    private static List<Call> invocations(KeepAliveTrace trace, FunctionSpec f) {
        List<Call> calls = new ArrayList<>();
        trace.replay(f, (start, duration) -> calls.add(new Call(start, duration)));
        return calls;
    }
}
