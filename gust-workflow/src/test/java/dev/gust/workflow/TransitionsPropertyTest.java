package dev.gust.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class TransitionsPropertyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Provide
    Arbitrary<List<String>> names() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(80).excludeChars('\u0000')
                .list().ofMinSize(1).ofMaxSize(30).uniqueElements();
    }

    @Property
    void parse_ofAChainOfAnyNames_acceptsItInOrder(@ForAll("names") List<String> names) {
        Definitions.Result result = Definitions.parse(chain(names, -1));

        assertThat(result).isInstanceOf(Definitions.Accepted.class);
        assertThat(((Definitions.Accepted) result).machine().states().keySet()).containsExactlyElementsOf(names);
    }

    @Property
    void parse_ofAChainEndedEarly_reportsExactlyTheStatesAfterTheEndAsUnreachable(
            @ForAll("names") List<String> names, @ForAll @IntRange(min = 0, max = 29) int cut) {
        int end = cut % names.size();
        Definitions.Result result = Definitions.parse(chain(names, end));

        List<String> expected = IntStream.range(end + 1, names.size())
                .mapToObj(i -> "/States/" + Fields.escape(names.get(i))).toList();
        if (expected.isEmpty()) {
            assertThat(result).isInstanceOf(Definitions.Accepted.class);
        } else {
            assertThat(((Definitions.Rejected) result).problems()).map(Problem::pointer)
                    .containsExactlyElementsOf(expected);
        }
    }

    /** Pass states in a line, the one at {@code end} (or the last) ending the machine. */
    private static String chain(List<String> names, int end) {
        ObjectNode root = JSON.createObjectNode().put("StartAt", names.get(0));
        ObjectNode states = root.putObject("States");
        int last = end < 0 ? names.size() - 1 : end;
        for (int i = 0; i < names.size(); i++) {
            ObjectNode state = states.putObject(names.get(i)).put("Type", "Pass");
            if (i == last || i == names.size() - 1) {
                state.put("End", true);
            } else {
                state.put("Next", names.get(i + 1));
            }
        }
        return root.toString();
    }
}
