package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where one (possibly nested) machine of an execution is: the top machine, a Map iteration or a
 * Parallel branch. Rebuilt from history by {@link Run#apply}; only the execution's own thread touches it.
 */
final class Frame {
    /** Where a frame's current state is. */
    enum Phase { NEW, ENTERED, TASK, RETRY, WAITING, FANNED, DONE }

    final String key;
    final StateMachine machine;
    final Optional<String> parent;
    final int index;

    String state;
    JsonNode input;
    long enteredSeq;
    Instant enteredAt;
    Phase phase = Phase.NEW;
    int attempt;
    final Map<Integer, Integer> retryCounts = new HashMap<>();
    final Set<String> timers = new LinkedHashSet<>();
    Optional<String> token = Optional.empty();
    JsonNode taskInput;
    long timeoutSeconds;
    Optional<Long> heartbeatSeconds = Optional.empty();
    Fan fan;

    Frame(String key, StateMachine machine, Optional<String> parent, int index) {
        this.key = key;
        this.machine = machine;
        this.parent = parent;
        this.index = index;
    }

    State current() {
        return machine.states().get(state);
    }

    void enter(String stateName, JsonNode stateInput, long seq, Instant at) {
        state = stateName;
        input = stateInput;
        enteredSeq = seq;
        enteredAt = at;
        phase = Phase.ENTERED;
        attempt = 0;
        retryCounts.clear();
        timers.clear();
        token = Optional.empty();
        fan = null;
    }

    /** @return the key of this visit's attempt, shared by its timers and its task's idempotency key */
    String visit() {
        return key + "/" + state + "@" + enteredSeq + "." + attempt;
    }

    /** @return whether {@code other} is nested (at any depth) in this frame */
    boolean encloses(String other) {
        return other.startsWith(key + "/") && !other.equals(key);
    }

    /** The progress of a Map's iterations or a Parallel's branches. */
    static final class Fan {
        final boolean parallel;
        final JsonNode inputs;
        final int total;
        final int maxConcurrency;
        final Optional<Long> toleratedCount;
        final Optional<Double> toleratedPercentage;
        final JsonNode[] results;
        int started;
        int succeeded;
        int failed;

        Fan(boolean parallel, JsonNode inputs, int maxConcurrency, Optional<Long> toleratedCount,
                Optional<Double> toleratedPercentage) {
            this.parallel = parallel;
            this.inputs = inputs;
            this.total = inputs.size();
            this.maxConcurrency = maxConcurrency;
            this.toleratedCount = toleratedCount;
            this.toleratedPercentage = toleratedPercentage;
            this.results = new JsonNode[total];
        }

        boolean tolerant() {
            return toleratedCount.isPresent() || toleratedPercentage.isPresent();
        }

        /** @return whether {@code failures} failed children are more than the Map tolerates */
        boolean exceeded(int failures) {
            if (!tolerant()) {
                return failures > 0;
            }
            return toleratedCount.filter(c -> failures > c).isPresent()
                    || toleratedPercentage.filter(p -> failures * 100.0 / total > p).isPresent();
        }

        /** @return how many more children may start now */
        int slots() {
            int running = started - succeeded - failed;
            int limit = maxConcurrency <= 0 ? total : maxConcurrency;
            return Math.max(0, Math.min(limit - running, total - started));
        }
    }
}
