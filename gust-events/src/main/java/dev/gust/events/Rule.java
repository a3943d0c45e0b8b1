package dev.gust.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.event.ruler.JsonRuleCompiler;

/**
 * A rule of the event bus: events that match {@code pattern} go to each of {@code targets},
 * reshaped by {@code transformer} when there is one.
 *
 * <p>The pattern is an EventBridge event pattern, matched by AWS's event-ruler against the event
 * as {@link CloudEventCodec#toRulerJson} shapes it: attributes and extensions at the top level,
 * JSON data under {@code data}. For example
 * {@code {"type": [{"prefix": "com.example.order."}], "data": {"total": [{"numeric": [">", 100]}]}}}.
 *
 * @param name unique on its bus: {@code [A-Za-z0-9._-]{1,64}}
 * @param pattern the event pattern, JSON
 * @param targets 1 to {@value #MAX_TARGETS} targets
 * @param transformer how to reshape the event for the targets; absent sends the event as it is
 */
public record Rule(String name, String pattern, List<Target> targets, Optional<InputTransformer> transformer) {

    /** The most targets one rule may have, as EventBridge. */
    public static final int MAX_TARGETS = 5;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SOURCE =
            Pattern.compile("\\s*at \\[Source: .*; line: (\\d+), column: (\\d+)]", Pattern.DOTALL);

    public Rule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
        targets = List.copyOf(targets);
        Objects.requireNonNull(transformer, "transformer");
    }

    /** @return a rule without a transformer */
    public static Rule of(String name, String pattern, Target... targets) {
        return new Rule(name, pattern, List.of(targets), Optional.empty());
    }

    /**
     * @param path where the rule is written, e.g. {@code rules[2]}; empty for the rule alone
     * @return every problem, each with its path, e.g. {@code rules[2].pattern: ...}; empty when valid
     */
    public List<Problem> check(String path) {
        var problems = new ArrayList<Problem>();
        if (!NAME.matcher(name).matches()) {
            problems.add(Problem.invalid(at(path, "name"), "must be 1 to 64 letters, digits, '.', '_' or '-', was "
                    + EventAttributes.quoted(name)));
        }
        checkPattern(pattern).ifPresent(reason -> problems.add(Problem.invalid(at(path, "pattern"), reason)));
        checkTargets(path, problems);
        transformer.ifPresent(t -> problems.addAll(t.check(at(path, "transformer"))));
        return problems;
    }

    /** @return event-ruler's reason the pattern is invalid, or empty when it compiles */
    static Optional<String> checkPattern(String pattern) {
        if (pattern.isBlank()) {
            return Optional.of("must be an event pattern, a JSON object such as {\"type\": [\"order.created\"]}");
        }
        try {
            return Optional.ofNullable(JsonRuleCompiler.check(pattern)).map(Rule::tidy);
        } catch (RuntimeException e) {
            // event-ruler reports most problems as text but throws on a few inputs
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /** Jackson's reasons end with a copy of the whole pattern; the line and column are enough. */
    private static String tidy(String reason) {
        return SOURCE.matcher(reason).replaceAll(" (line $1, column $2)").strip();
    }

    private void checkTargets(String path, List<Problem> problems) {
        if (targets.isEmpty() || targets.size() > MAX_TARGETS) {
            problems.add(Problem.invalid(at(path, "targets"), "must have 1 to " + MAX_TARGETS + " targets, has "
                    + targets.size()));
        }
        for (int i = 0; i < targets.size(); i++) {
            problems.addAll(targets.get(i).check(at(path, "targets[" + i + "]")));
        }
    }

    private static String at(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
