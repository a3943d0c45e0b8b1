package dev.gust.workflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A state machine: the whole definition, or a nested one (a Parallel branch, a Map's item
 * processor), whose transitions stay inside it.
 *
 * @param startAt the name of the first state; one of {@code states}
 * @param states every state by name, in the order the definition lists them
 * @param comment the definition's {@code Comment}
 * @param timeoutSeconds the execution's {@code TimeoutSeconds}; always empty for a nested machine
 * @param version the language version, {@code 1.0}
 */
public record StateMachine(String startAt, Map<String, State> states, Optional<String> comment,
        OptionalLong timeoutSeconds, String version) {
    public StateMachine {
        Objects.requireNonNull(startAt, "startAt");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(timeoutSeconds, "timeoutSeconds");
        Objects.requireNonNull(version, "version");
        states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
        if (!states.containsKey(startAt)) {
            throw new IllegalArgumentException("startAt names no state: " + startAt);
        }
    }

    /** @return the first state */
    public State start() {
        return states.get(startAt);
    }

    /** @return the state called {@code name}, if this machine (not a nested one) has it */
    public Optional<State> state(String name) {
        return Optional.ofNullable(states.get(name));
    }
}
