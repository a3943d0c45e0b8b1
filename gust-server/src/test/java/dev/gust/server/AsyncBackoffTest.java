package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The retry delay: exponential ceiling, full jitter under it. */
class AsyncBackoffTest {

    private static AsyncDispatcher dispatcher(long seed) {
        return new AsyncDispatcher(null, null, null, null, null, null, new SplittableRandom(seed));
    }

    @Test
    void ceiling_doublesFromOneMinute_andStopsAtFifteen() {
        assertThat(AsyncDispatcher.ceiling(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(AsyncDispatcher.ceiling(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(AsyncDispatcher.ceiling(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(AsyncDispatcher.ceiling(5)).isEqualTo(Duration.ofMinutes(15));
        assertThat(AsyncDispatcher.ceiling(11)).isEqualTo(Duration.ofMinutes(15));
    }

    @Property
    void backoff_isPositive_andNeverAboveItsCeiling(@ForAll @IntRange(min = 1, max = 11) int attempt,
            @ForAll long seed) {
        Duration delay = dispatcher(seed).backoff(attempt);

        assertThat(delay).isPositive().isLessThanOrEqualTo(AsyncDispatcher.ceiling(attempt));
    }

    @Test
    void backoff_spreadsRetriesOverTheWholeWindow() {
        var d = dispatcher(42);
        var delays = java.util.stream.IntStream.range(0, 200).mapToObj(i -> d.backoff(3)).toList();

        assertThat(delays).anySatisfy(x -> assertThat(x).isLessThan(Duration.ofMinutes(1)))
                .anySatisfy(x -> assertThat(x).isGreaterThan(Duration.ofMinutes(3)));
    }
}
