package dev.gust.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.runtime.HybridKeepAlive.Mode;
import dev.gust.runtime.HybridKeepAlive.Windows;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class HybridKeepAlivePropertiesTest {
    private static final Duration FIXED = Duration.ofMinutes(10);
    private static final long MAX_IDLE_MS = 6 * 3_600_000L;

    @Property(tries = 300)
    void windows_areNeverNegative_andKeepAliveNeverBeyondRangePlusMargin(
            @ForAll @Size(max = 300) List<@LongRange(min = 0, max = MAX_IDLE_MS) Long> idleMs) {
        Windows w = fed(idleMs).windows();

        assertThat(w.prewarm().isNegative()).isFalse();
        assertThat(w.keepAlive()).isGreaterThanOrEqualTo(Duration.ZERO)
                .isLessThanOrEqualTo(Duration.ofMillis(Math.round(HybridKeepAlive.RANGE.toMillis()
                        * (1 + HybridKeepAlive.MARGIN))));
    }

    @Property(tries = 300)
    void windows_fromTheHistogram_loadTheInstanceByTheHeadAndKeepItPastTheTail(
            @ForAll @Size(min = 10, max = 300) List<@LongRange(min = 0, max = MAX_IDLE_MS) Long> idleMs) {
        Windows w = fed(idleMs).windows();
        List<Long> inRange = idleMs.stream().filter(ms -> ms < HybridKeepAlive.RANGE.toMillis()).sorted().toList();

        if (w.mode() == Mode.HISTOGRAM) {
            assertThat(w.prewarm().toMillis()).isLessThanOrEqualTo(nearestRank(inRange, 5));
            assertThat(w.prewarm().plus(w.keepAlive()).toMillis()).isGreaterThan(nearestRank(inRange, 99));
        } else {
            assertThat(w).isEqualTo(new Windows(Duration.ZERO, FIXED, w.mode()));
        }
    }

    @Property(tries = 200)
    void windows_withFewerThanMinSamples_areAlwaysTheFixedKeepAlive(
            @ForAll @Size(max = HybridKeepAlive.MIN_SAMPLES - 1) List<@LongRange(min = 0, max = MAX_IDLE_MS) Long> ms) {
        assertThat(fed(ms).windows()).isEqualTo(new Windows(Duration.ZERO, FIXED, Mode.TOO_FEW_SAMPLES));
    }

    private static HybridKeepAlive fed(List<Long> idleMs) {
        HybridKeepAlive policy = HybridKeepAlive.create(FIXED);
        idleMs.forEach(ms -> policy.idleEnded(Duration.ofMillis(ms)));
        return policy;
    }

    private static long nearestRank(List<Long> sorted, double percentile) {
        int rank = (int) Math.max(1, Math.ceil(percentile / 100 * sorted.size()));
        return sorted.get(rank - 1);
    }
}
