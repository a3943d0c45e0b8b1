package dev.gust.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The error-name matching of Retry and Catch, over arbitrary names. */
class RetryMatchingPropertiesTest {

    @Provide
    Arbitrary<String> errors() {
        return Arbitraries.oneOf(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("States.Timeout", "States.HeartbeatTimeout", "States.Runtime", "States.TaskFailed",
                        "States.ParameterPathFailure", "States.NoChoiceMatched"));
    }

    @Property
    void statesAll_matchesEverythingButRuntime(@ForAll("errors") String error) {
        assertThat(Interpreter.matches(List.of("States.ALL"), error)).isEqualTo(!error.equals("States.Runtime"));
    }

    @Property
    void aName_alwaysMatchesItself(@ForAll("errors") String error) {
        assertThat(Interpreter.matches(List.of("Other.Name", error), error)).isTrue();
    }

    @Property
    void withoutWildcards_onlyListedNamesMatch(@ForAll("errors") String error, @ForAll("errors") String listed) {
        assertThat(Interpreter.matches(List.of(listed), error))
                .isEqualTo(listed.equals(error) || listed.equals("States.TaskFailed")
                        && !List.of("States.Timeout", "States.Runtime").contains(error));
    }
}
