package dev.gust.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.event.ruler.Machine;

/**
 * An immutable set of valid rules compiled into one event-ruler {@link Machine}, which finds every
 * rule an event matches in time that does not grow with the number of rules.
 *
 * <p>Thread-safety: a RuleSet never changes after {@link #of} returns, and event-ruler's Machine
 * may be read by any number of threads at once, so {@link #matching} may be called from any thread
 * without locking. To change the rules, build a new RuleSet and publish it atomically (an
 * {@code AtomicReference<RuleSet>} or a volatile field); matchers in flight keep the set they
 * read, and no event is ever matched against half-applied rules.
 */
public final class RuleSet {
    private static final RuleSet EMPTY = new RuleSet(Map.of(), Machine.builder().build());

    private final Map<String, Rule> rules;
    private final Machine machine;

    private RuleSet(Map<String, Rule> rules, Machine machine) {
        this.rules = rules;
        this.machine = machine;
    }

    /** @return a set that matches nothing */
    public static RuleSet empty() {
        return EMPTY;
    }

    /**
     * @param rules the rules, in the order matches are reported
     * @return the compiled set
     * @throws InvalidRulesException with every problem (paths {@code rules[i]...}) when a rule is
     *     invalid or two share a name; nothing is compiled then
     */
    public static RuleSet of(List<Rule> rules) {
        List<Problem> problems = check(rules);
        if (!problems.isEmpty()) {
            throw new InvalidRulesException(problems);
        }
        var byName = new LinkedHashMap<String, Rule>();
        Machine machine = Machine.builder().build();
        for (Rule rule : rules) {
            byName.put(rule.name(), rule);
            add(machine, rule);
        }
        return new RuleSet(java.util.Collections.unmodifiableMap(byName), machine);
    }

    /** @return every problem of these rules as a set, each with its path; empty when {@link #of} would succeed */
    public static List<Problem> check(List<Rule> rules) {
        var problems = new ArrayList<Problem>();
        var names = new HashSet<String>();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            problems.addAll(rule.check("rules[" + i + "]"));
            if (!names.add(rule.name())) {
                problems.add(Problem.invalid("rules[" + i + "].name", "another rule is already named "
                        + EventAttributes.quoted(rule.name())));
            }
        }
        return problems;
    }

    private static void add(Machine machine, Rule rule) {
        try {
            machine.addRule(rule.name(), rule.pattern());
        } catch (IOException | RuntimeException e) {
            // check() compiled this pattern already, so event-ruler disagreeing with itself is a bug
            throw new IllegalStateException("event-ruler refused a pattern it had accepted: rule " + rule.name(), e);
        }
    }

    /** @return the rules this event matches, in the order the set was built with */
    public List<Rule> matching(CloudEvent event) {
        return matching(EventWriter.ruler(event));
    }

    /**
     * @param rulerJson an event as {@link CloudEventCodec#toRulerJson} shapes it
     * @return the rules it matches, in the order the set was built with
     */
    public List<Rule> matching(JsonNode rulerJson) {
        var names = new HashSet<>(machine.rulesForJSONEvent(rulerJson));
        return rules.values().stream().filter(rule -> names.contains(rule.name())).toList();
    }

    /** @return the names of the rules this event matches, in the order the set was built with */
    public List<String> matchingNames(CloudEvent event) {
        return matching(event).stream().map(Rule::name).toList();
    }

    /** @return every rule, in order */
    public List<Rule> rules() {
        return List.copyOf(rules.values());
    }

    /** @return the rule of that name */
    public Optional<Rule> rule(String name) {
        return Optional.ofNullable(rules.get(name));
    }
}
