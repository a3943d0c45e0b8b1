package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class HandlerSpecTest {

    @Property(tries = 200)
    void parse_anyQualifiedNameWithOptionalMethod_roundTrips(@ForAll("classNames") String cls,
            @ForAll("methods") Optional<String> method) {
        String spec = cls + method.map(m -> "::" + m).orElse("");
        HandlerSpec parsed = HandlerSpec.parse(spec);
        assertThat(parsed).isEqualTo(new HandlerSpec(cls, method));
        assertThat(parsed.toString()).isEqualTo(spec);
    }

    @Test
    void parse_malformedSpecs_areRejectedWithAnExample() {
        for (String bad : new String[] {"", "com..Hello", "com.Hello::", "::handle", "com.Hello::a::b", "1abc",
                "com.Hello.", "com/Hello", "com.Hello::handle()"}) {
            assertThatThrownBy(() -> HandlerSpec.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("e.g. com.example.Hello or com.example.Hello::handle")
                    .hasMessageContaining("got '" + bad + "'");
        }
    }

    @Test
    void parse_trimsSurroundingSpace() {
        assertThat(HandlerSpec.parse("  a.B::c ")).isEqualTo(new HandlerSpec("a.B", Optional.of("c")));
    }

    @Provide
    Arbitrary<String> classNames() {
        return identifier().list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join(".", parts));
    }

    @Provide
    Arbitrary<Optional<String>> methods() {
        return identifier().optional();
    }

    private static Arbitrary<String> identifier() {
        Arbitrary<Character> first = Arbitraries.chars().range('a', 'z').with('_', '$', 'é');
        Arbitrary<String> rest = Arbitraries.strings().withCharRange('a', 'z').withChars('0', '9', '_').ofMaxLength(8);
        return net.jqwik.api.Combinators.combine(first, rest).as((f, r) -> f + r);
    }
}
