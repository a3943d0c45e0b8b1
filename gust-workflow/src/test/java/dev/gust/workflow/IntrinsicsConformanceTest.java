package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs {@code conformance/intrinsics}: an {@code expression} (or a payload {@code template}) per case. */
class IntrinsicsConformanceTest {
    static final UUID FIXED = UUID.fromString("4f3c2b1a-9d8e-4f7a-b6c5-0123456789ab");
    private final Intrinsics intrinsics = Intrinsics.create(new Random(7), () -> FIXED);

    static Stream<Arguments> cases() {
        return Conformance.cases("intrinsics");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void intrinsic_behavesAsTheCaseSays(String name, JsonNode c) {
        JsonNode input = Conformance.input(c);
        JsonNode context = Conformance.context(c);
        Conformance.expect(c, () -> c.has("template")
                ? PayloadTemplate.evaluate(c.get("template"), input, context, intrinsics)
                : intrinsics.evaluate(c.get("expression").asText(), input, context));
    }
}
