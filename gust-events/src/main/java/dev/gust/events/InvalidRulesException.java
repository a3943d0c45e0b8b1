package dev.gust.events;

import java.util.List;
import java.util.stream.Collectors;

/** Rules that cannot be compiled into a {@link RuleSet}; the message lists every problem and is safe to show. */
public final class InvalidRulesException extends EventsException {
    private final List<Problem> problems;

    InvalidRulesException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ", "invalid rules: ", "")), true);
        this.problems = List.copyOf(problems);
    }

    /** @return every problem, each with its path such as {@code rules[1].pattern} */
    public List<Problem> problems() {
        return problems;
    }
}
