package dev.gust.manifest;

import dev.gust.common.GustException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A manifest that is not valid, thrown by {@link ManifestResult#orThrow()}. Its message lists every
 * problem and is safe to show to a remote client: it speaks only of the client's own file.
 */
public final class ManifestException extends GustException {
    private final List<Problem> problems;

    /** @param problems every problem found, in file order; at least one */
    public ManifestException(List<Problem> problems) {
        super(describe(problems), true);
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found, in file order */
    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        String noun = problems.size() == 1 ? " problem" : " problems";
        return "gust.yaml has " + problems.size() + noun + ":" + problems.stream()
                .map(p -> "\n  " + p)
                .collect(Collectors.joining());
    }
}
