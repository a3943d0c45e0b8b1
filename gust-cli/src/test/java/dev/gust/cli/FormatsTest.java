package dev.gust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormatsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void ago_usesTheLargestWholeUnit() {
        assertThat(Formats.ago(NOW.minusSeconds(12), NOW)).isEqualTo("12s ago");
        assertThat(Formats.ago(NOW.minus(Duration.ofMinutes(5)).minusSeconds(59), NOW)).isEqualTo("5m ago");
        assertThat(Formats.ago(NOW.minus(Duration.ofHours(3)), NOW)).isEqualTo("3h ago");
        assertThat(Formats.ago(NOW.minus(Duration.ofDays(2)), NOW)).isEqualTo("2d ago");
        assertThat(Formats.ago(null, NOW)).isEqualTo("never");
    }

    @Test
    void ago_ofAFutureTime_isNow_notNegative() {
        assertThat(Formats.ago(NOW.plusSeconds(5), NOW)).isEqualTo("0s ago");
    }

    @Test
    void bytes_usesBinaryUnits() {
        assertThat(Formats.bytes(0)).isEqualTo("0 B");
        assertThat(Formats.bytes(1023)).isEqualTo("1023 B");
        assertThat(Formats.bytes(1536)).isEqualTo("1.5 KB");
        assertThat(Formats.bytes(12L * 1024 * 1024)).isEqualTo("12.0 MB");
        assertThat(Formats.bytes(3L << 40)).isEqualTo("3.0 TB");
    }

    @Test
    void costAndGbSeconds_showSmallAmounts() {
        assertThat(Formats.cost(0.0000652)).isEqualTo("$0.000065");
        assertThat(Formats.cost(12.5)).isEqualTo("$12.500000");
        assertThat(Formats.gbSeconds(3.9)).isEqualTo("3.900");
    }

    @Test
    void millis_switchesToSecondsForLongDurations() {
        assertThat(Formats.millis(12)).isEqualTo("12 ms");
        assertThat(Formats.millis(9999)).isEqualTo("9999 ms");
        assertThat(Formats.millis(12_345)).isEqualTo("12.3 s");
    }

    @Test
    void time_alwaysHasMilliseconds_andToleratesJunk() {
        assertThat(Formats.time(new TextNode("2026-01-01T10:00:00Z"))).isEqualTo("2026-01-01T10:00:00.000Z");
        assertThat(Formats.time(new TextNode("2026-01-01T10:00:00.123456Z"))).isEqualTo("2026-01-01T10:00:00.123Z");
        assertThat(Formats.time(new TextNode("yesterday"))).isEqualTo("-");
        assertThat(Formats.time(null)).isEqualTo("-");
    }

    @Test
    void shortId_keepsTheRandomTail_becauseTheHeadIsTime() {
        assertThat(Formats.shortId("0193aa0000001111deadbeef")).isEqualTo("deadbeef");
        assertThat(Formats.shortId("abc")).isEqualTo("abc");
        assertThat(Formats.shortId(null)).isEqualTo("-");
    }

    @Test
    void table_alignsColumns_andTrimsTrailingSpace() {
        String t = new Table("A", "LONGER", "C").row("xxxx", "y", "").row(null, 12, "z").render();

        assertThat(t).isEqualTo("""
                A     LONGER  C
                xxxx  y
                -     12      z
                """);
    }

    @Test
    void table_rejectsRowsOfTheWrongWidth() {
        assertThatThrownBy(() -> new Table("A", "B").row("only one"))
                .hasMessage("a row needs 2 cells, had 1");
    }
}
