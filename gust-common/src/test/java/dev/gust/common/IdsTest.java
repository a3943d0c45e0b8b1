package dev.gust.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void timeOrdered_sortsByTheClock_andIsUnique() {
        String earlier = Ids.timeOrdered(InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));
        String later = Ids.timeOrdered(InstantSource.fixed(Instant.parse("2026-01-01T00:00:00.001Z")));
        assertThat(earlier).hasSize(28).matches("[0-9a-f]+");
        assertThat(earlier).isLessThan(later);
        Set<String> seen = new HashSet<>();
        InstantSource same = InstantSource.fixed(Instant.EPOCH);
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(Ids.timeOrdered(same))).isTrue();
        }
    }

    @Test
    void secretHex_andShortId_haveTheirShapes() {
        assertThat(Ids.secretHex(32)).hasSize(64).matches("[0-9a-f]+");
        assertThat(Ids.shortId("i-")).matches("i-[0-9a-f]{12}");
    }

    @Test
    void correlationIds_acceptWellFormedOnes_andReplaceTheRest() {
        assertThat(CorrelationIds.acceptOrCreate(Optional.of("order-42:a.b_c"))).isEqualTo("order-42:a.b_c");
        assertThat(CorrelationIds.acceptOrCreate(Optional.of("x".repeat(128)))).hasSize(128);
        assertThat(CorrelationIds.acceptOrCreate(Optional.of("x".repeat(129)))).hasSize(32);
        assertThat(CorrelationIds.acceptOrCreate(Optional.of("has space"))).hasSize(32).matches("[0-9a-f]+");
        assertThat(CorrelationIds.acceptOrCreate(Optional.of(""))).hasSize(32);
        assertThat(CorrelationIds.acceptOrCreate(Optional.empty())).hasSize(32);
    }
}
