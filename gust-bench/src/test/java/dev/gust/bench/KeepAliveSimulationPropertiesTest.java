package dev.gust.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.bench.KeepAliveSimulation.PolicyFigures;
import dev.gust.bench.KeepAliveSimulation.Result;
import dev.gust.bench.KeepAliveTrace.FunctionSpec;
import dev.gust.bench.KeepAliveTrace.Pattern;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class KeepAliveSimulationPropertiesTest {

    @Property(tries = 60)
    void figures_areWithinBounds_forAnyFunction(@ForAll Pattern pattern,
            @ForAll @DoubleRange(min = 0.5, max = 3_000) double perDay,
            @ForAll @DoubleRange(min = 0, max = 30) double execSeconds,
            @ForAll @IntRange(min = 64, max = 1536) int memoryMb, @ForAll long seed) {
        FunctionSpec f = new FunctionSpec(0, pattern, perDay, execSeconds, memoryMb, seed);
        Result r = KeepAliveSimulation.simulate(KeepAliveTrace.of(List.of(f), Duration.ofDays(2)), List.of());

        for (PolicyFigures p : List.of(r.fixed(), r.hybrid())) {
            assertThat(p.coldStarts()).isBetween(Math.min(1, p.invocations()), p.invocations());
            assertThat(p.wastedGbSeconds()).isGreaterThanOrEqualTo(0)
                    .isLessThanOrEqualTo(2 * 86_400 * memoryMb / 1024.0);
        }
    }
}
