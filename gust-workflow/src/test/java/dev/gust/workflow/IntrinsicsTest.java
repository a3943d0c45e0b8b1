package dev.gust.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IntrinsicsTest {
    private static final JsonNode EMPTY = Conformance.MAPPER.createObjectNode();

    @Test
    void mathRandom_withoutSeed_drawsFromTheInjectedRandomnessWithinStartInclusiveEndExclusive() {
        Intrinsics intrinsics = Intrinsics.create(new SplittableRandom(3), UUID::randomUUID);
        Set<Integer> seen = new HashSet<>();

        for (int i = 0; i < 500; i++) {
            seen.add(intrinsics.evaluate("States.MathRandom(1, 4)", EMPTY, EMPTY).intValue());
        }

        assertThat(seen).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void mathRandom_withTheSameSeed_givesTheSameNumberWhateverTheInjectedRandomness() {
        JsonNode first = Intrinsics.create(new SplittableRandom(1), UUID::randomUUID)
                .evaluate("States.MathRandom(1, 1000000, 42)", EMPTY, EMPTY);
        JsonNode second = Intrinsics.create(new SplittableRandom(2), UUID::randomUUID)
                .evaluate("States.MathRandom(1, 1000000, 42)", EMPTY, EMPTY);

        assertThat(first).isEqualTo(second);
    }

    @Test
    void uuid_fromTheStandardIntrinsics_isAVersion4Uuid() {
        String text = Intrinsics.standard().evaluate("States.UUID()", EMPTY, EMPTY).textValue();

        assertThat(UUID.fromString(text).version()).isEqualTo(4);
    }

    @Test
    void check_acceptsAValidCallAndNamesTheFaultOfAnInvalidOne() {
        assertThat(Intrinsics.check("States.Hash($.data, 'SHA-256')")).isEmpty();
        assertThat(Intrinsics.check("States.Hash($.data)")).hasValueSatisfying(m ->
                assertThat(m).contains("States.Hash takes exactly 2 arguments, got 1"));
        assertThat(Intrinsics.check("States.Array(1,")).hasValueSatisfying(m ->
                assertThat(m).contains("unexpected end of expression"));
    }

    @Test
    void evaluate_whenAPathArgumentMisses_namesThePath() {
        WorkflowError error = org.assertj.core.api.Assertions.catchThrowableOfType(WorkflowError.class,
                () -> Intrinsics.standard().evaluate("States.ArrayLength($.items)", EMPTY, EMPTY));

        assertThat(error.error()).isEqualTo(WorkflowError.RUNTIME);
        assertThat(error.cause()).contains("$.items");
        assertThat(error.isSafe()).isTrue();
    }
}
