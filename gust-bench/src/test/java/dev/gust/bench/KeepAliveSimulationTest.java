package dev.gust.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gust.bench.KeepAliveSimulation.Instance;
import dev.gust.bench.KeepAliveSimulation.Result;
import dev.gust.bench.KeepAliveTrace.FunctionSpec;
import dev.gust.bench.KeepAliveTrace.Pattern;
import dev.gust.runtime.HybridKeepAlive;
import dev.gust.runtime.HybridKeepAlive.Mode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeepAliveSimulationTest {
    private static final long MINUTE = 60_000;

    @Test
    void simulate_withTheSameSeed_givesTheSameFigures() {
        Result a = KeepAliveSimulation.simulate(KeepAliveTrace.generate(7, 80, Duration.ofDays(2)));
        Result b = KeepAliveSimulation.simulate(KeepAliveTrace.generate(7, 80, Duration.ofDays(2)));

        assertThat(a).isEqualTo(b);
        assertThat(a.seed()).isEqualTo(7);
        assertThat(a.fixed().invocations()).isEqualTo(a.hybrid().invocations()).isPositive();
    }

    @Test
    void simulate_aFunctionEvery30Minutes_hybridWastesFarLessWithNoMoreColdStarts() {
        Result r = simulate(new FunctionSpec(0, Pattern.PERIODIC, 48, 0.2, 256, 1), Duration.ofDays(7));

        assertThat(r.fixed().coldStartRatio()).as("30 minutes outlive a 10-minute keep-alive").isEqualTo(1.0);
        assertThat(r.hybrid().coldStarts()).isLessThanOrEqualTo(r.fixed().coldStarts())
                .isLessThanOrEqualTo(HybridKeepAlive.MIN_SAMPLES + 1);
        assertThat(r.wasteVsFixed()).isLessThan(0.5);
        assertThat(r.hybridModes()).isEqualTo(Map.of(Mode.HISTOGRAM, 1));
    }

    @Test
    void simulate_idleTimesUnderTenMinutes_bothPoliciesHaveNearZeroColdStarts() {
        Result every5 = simulate(new FunctionSpec(0, Pattern.PERIODIC, 288, 0.5, 128, 2), Duration.ofDays(3));
        Result poisson = simulate(new FunctionSpec(0, Pattern.POISSON, 1440, 0.5, 128, 3), Duration.ofDays(3));

        for (Result r : List.of(every5, poisson)) {
            assertThat(r.fixed().coldStartRatio()).isLessThan(0.01);
            assertThat(r.hybrid().coldStartRatio()).isLessThan(0.01);
        }
    }

    @Test
    void simulate_aRareIrregularFunction_fallsBackToTheFixedKeepAlive() {
        Result r = simulate(new FunctionSpec(0, Pattern.POISSON, 2, 1, 128, 4), Duration.ofDays(30));

        assertThat(r.hybridModes()).isEqualTo(Map.of(Mode.OUT_OF_RANGE, 1));
    }

    @Test
    void instance_underTheFixedPolicy_countsIdleLoadedTimeAndColdStarts() {
        Instance i = new Instance(KeepAliveSimulation.fixedPolicy(Duration.ofMinutes(10)), 2048);

        i.invoked(0, 1_000);                       // cold: the first
        i.invoked(1_000 + 4 * MINUTE, 1_000);      // warm after 4 idle minutes
        i.invoked(2_000 + 24 * MINUTE, 1_000);     // cold after 20: the 10-minute window wasted whole
        i.invoked(2_500 + 24 * MINUTE, 1_000);     // arrives while the last still runs: the same instance

        assertThat(i.invocations).isEqualTo(4);
        assertThat(i.coldStarts).isEqualTo(2);
        long idleMs = 4 * MINUTE + 10 * MINUTE + 5 * MINUTE; // the last window cut by the end
        long end = 3_500 + 29 * MINUTE;
        assertThat(i.wastedGbSeconds(end)).isCloseTo(idleMs / 1000.0 * 2, within(1e-9));
    }

    @Test
    void instance_underTheHybridPolicy_isColdWhenCalledInsideThePrewarmWindow_andWastesNothingThen() {
        HybridKeepAlive learned = HybridKeepAlive.create(Duration.ofMinutes(10));
        for (int n = 0; n < HybridKeepAlive.MIN_SAMPLES; n++) {
            learned.idleEnded(Duration.ofMinutes(30)); // pre-warm 27 min, keep-alive 4.4 min
        }
        Instance i = new Instance(KeepAliveSimulation.hybridPolicy(learned), 1024);

        i.invoked(0, 0);
        i.invoked(30 * MINUTE, 0);               // inside 27..31.4 min: warm, 3 pre-warmed minutes wasted
        i.invoked(35 * MINUTE, 0);               // 5 minutes later, before the pre-warm: cold

        assertThat(i.coldStarts).isEqualTo(2);
        assertThat(i.wastedGbSeconds(35 * MINUTE)).isCloseTo(3 * 60.0, within(1e-6));
    }

    private static Result simulate(FunctionSpec f, Duration span) {
        return KeepAliveSimulation.simulate(KeepAliveTrace.of(List.of(f), span), List.of());
    }
}
