package dev.gust.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.runtime.HybridKeepAlive.Mode;
import dev.gust.runtime.HybridKeepAlive.Windows;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HybridKeepAliveTest {
    private static final Duration FIXED = Duration.ofMinutes(10);
    private final HybridKeepAlive policy = HybridKeepAlive.create(FIXED);

    @Test
    void windows_withFewerThanMinSamples_fallsBackToTheFixedKeepAlive() {
        record(HybridKeepAlive.MIN_SAMPLES - 1, Duration.ofMinutes(30));

        assertThat(policy.windows()).isEqualTo(new Windows(Duration.ZERO, FIXED, Mode.TOO_FEW_SAMPLES));

        record(1, Duration.ofMinutes(30));
        assertThat(policy.windows().mode()).isEqualTo(Mode.HISTOGRAM);
    }

    @Test
    void windows_forAFunctionEvery30Minutes_prewarmsNear27MinutesAndKeepsAliveBriefly() {
        // invoked every 30 minutes, each run 200 ms: the idle time is just under 30 minutes, in bin 29
        record(20, Duration.ofMinutes(30).minusMillis(200));

        Windows w = policy.windows();

        assertThat(w.mode()).isEqualTo(Mode.HISTOGRAM);
        assertThat(w.prewarm()).isEqualTo(Duration.ofSeconds(29 * 60 * 9 / 10)).isBetween(
                Duration.ofMinutes(25), Duration.ofMinutes(28));
        assertThat(w.keepAlive()).isEqualTo(Duration.ofMillis(Math.round((30 * 60_000 - 1_566_000) * 1.1)))
                .isLessThan(Duration.ofMinutes(5));
        assertThat(w.prewarm().plus(w.keepAlive())).as("loaded again before the next call, until after it")
                .isGreaterThan(Duration.ofMinutes(30));
    }

    @Test
    void windows_headInTheFirstBin_keepsTheInstanceLoadedWithoutPrewarm() {
        record(15, Duration.ofMillis(59_999));

        assertThat(policy.windows()).isEqualTo(new Windows(Duration.ZERO, Duration.ofMillis(66_000), Mode.HISTOGRAM));
    }

    @Test
    void windows_roundHeadDownAndTailUpToBinEdges_thenApplyTheMargins() {
        record(1, Duration.ofSeconds(60)); // a bin's lower edge belongs to that bin: bin 1
        record(14, Duration.ofSeconds(119));

        // head: bin 1, lower edge 60 s, less 10% = 54 s; tail: bin 1, upper edge 120 s; (120 - 54) * 1.1 = 72.6 s
        assertThat(policy.windows()).isEqualTo(new Windows(Duration.ofSeconds(54), Duration.ofMillis(72_600),
                Mode.HISTOGRAM));
    }

    @Test
    void windows_takeTheFifthAndNinetyNinthPercentileBins_notTheExtremes() {
        record(4, Duration.ofSeconds(2 * 60 + 10));  // bin 2: below the 5th percentile (rank 5 of 100)
        record(91, Duration.ofSeconds(10 * 60 + 59)); // bin 10: holds rank 5
        record(4, Duration.ofSeconds(20 * 60));      // bin 20: holds rank 99
        record(1, Duration.ofMinutes(50));           // bin 50: the top 1%, ignored

        Windows w = policy.windows();

        assertThat(w.prewarm()).isEqualTo(Duration.ofMinutes(9));
        assertThat(w.keepAlive()).isEqualTo(Duration.ofMillis(Math.round((21 - 9) * 60_000 * 1.1)));
    }

    @Test
    void windows_withAFlatHistogram_fallsBackAsUnclearPattern() {
        for (int minute = 0; minute < HybridKeepAlive.BINS; minute++) {
            policy.idleEnded(Duration.ofMinutes(minute).plusSeconds(30));
        }

        assertThat(policy.binCountCv()).isLessThanOrEqualTo(HybridKeepAlive.CV_THRESHOLD);
        assertThat(policy.windows()).isEqualTo(new Windows(Duration.ZERO, FIXED, Mode.UNCLEAR_PATTERN));
    }

    @Test
    void windows_withMostIdleTimesBeyondTheRange_fallsBackAsOutOfRange() {
        record(6, Duration.ofHours(5));
        record(5, Duration.ofMinutes(10));

        assertThat(policy.windows()).isEqualTo(new Windows(Duration.ZERO, FIXED, Mode.OUT_OF_RANGE));
    }

    @Test
    void windows_withHalfTheIdleTimesBeyondTheRange_stillUseTheHistogramOfTheRest() {
        record(5, HybridKeepAlive.RANGE); // the range's end is already out of it
        record(5, Duration.ofMinutes(10));

        assertThat(policy.windows()).isEqualTo(new Windows(Duration.ofMinutes(9),
                Duration.ofMillis(Math.round((11 - 9) * 60_000 * 1.1)), Mode.HISTOGRAM));
    }

    @Test
    void windows_areRecomputedWhenTheHistogramChanges() {
        record(10, Duration.ofMinutes(30));
        Windows before = policy.windows();

        record(200, Duration.ofMinutes(2));

        assertThat(policy.windows()).isNotEqualTo(before);
        assertThat(policy.windows().prewarm()).isEqualTo(Duration.ofMillis(Math.round(2 * 60_000 * 0.9)));
    }

    @Test
    void idleEnded_withANegativeIdleTime_isRefusedAndChangesNothing() {
        record(12, Duration.ofMinutes(30));
        Windows before = policy.windows();

        assertThatThrownBy(() -> policy.idleEnded(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idleTime must be zero or positive").hasMessageContaining("PT-0.001S");

        assertThat(policy.samples()).isEqualTo(12);
        assertThat(policy.windows()).isEqualTo(before);
    }

    @Test
    void create_withANegativeFixedKeepAlive_isRefused() {
        assertThatThrownBy(() -> HybridKeepAlive.create(Duration.ofSeconds(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fixedKeepAlive must be zero or positive, was PT-5S");
    }

    @Test
    void windows_withNothingRecorded_areTheFixedKeepAlive() {
        assertThat(HybridKeepAlive.create(Duration.ZERO).windows())
                .isEqualTo(new Windows(Duration.ZERO, Duration.ZERO, Mode.TOO_FEW_SAMPLES));
        assertThat(policy.samples()).isZero();
    }

    private void record(int times, Duration idle) {
        for (int i = 0; i < times; i++) {
            policy.idleEnded(idle);
        }
    }
}
