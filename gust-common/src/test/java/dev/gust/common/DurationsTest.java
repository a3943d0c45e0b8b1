package dev.gust.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parse_readsEveryUnitAndBareSeconds() {
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).contains(Duration.ofSeconds(30));
        assertThat(Durations.parse("10m")).contains(Duration.ofMinutes(10));
        assertThat(Durations.parse("1h")).contains(Duration.ofHours(1));
        assertThat(Durations.parse("7d")).contains(Duration.ofDays(7));
        assertThat(Durations.parse(" 45 ")).contains(Duration.ofSeconds(45));
    }

    @Test
    void parse_refusesWhatIsNotADuration() {
        assertThat(Durations.parse("")).isEmpty();
        assertThat(Durations.parse("-5s")).isEmpty();
        assertThat(Durations.parse("1.5s")).isEmpty();
        assertThat(Durations.parse("10 minutes")).isEmpty();
        assertThat(Durations.parse("1234567890s")).isEmpty();
    }

    @Property
    void format_isReadBackExactly(@ForAll @LongRange(min = 0, max = 999_999_999L) long millis) {
        Duration d = Duration.ofMillis(millis);
        assertThat(Durations.parse(Durations.format(d))).contains(d);
    }
}
