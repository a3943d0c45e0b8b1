package dev.gust.runtime;

import static dev.gust.runtime.InstanceState.BUSY;
import static dev.gust.runtime.InstanceState.DRAINING;
import static dev.gust.runtime.InstanceState.IDLE;
import static dev.gust.runtime.InstanceState.STARTING;
import static dev.gust.runtime.InstanceState.STOPPED;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The declared lifecycle of an instance. An instance starts, serves (IDLE while it runs nothing,
 * BUSY while it runs something), drains (takes nothing new, stops once empty) and stops; a crash,
 * kill, timeout or failed start stops it from any live state. Stateless and thread-safe.
 */
final class Lifecycle {

    /** One step of an instance's life. */
    record Transition(InstanceState from, InstanceState to) {
    }

    /** Which state may follow which; everything else is a bug in the runtime. */
    static final Map<InstanceState, Set<InstanceState>> TRANSITIONS = declare();

    private Lifecycle() {
    }

    private static Map<InstanceState, Set<InstanceState>> declare() {
        var t = new EnumMap<InstanceState, Set<InstanceState>>(InstanceState.class);
        t.put(STARTING, EnumSet.of(IDLE, BUSY, STOPPED));
        t.put(IDLE, EnumSet.of(BUSY, DRAINING, STOPPED));
        t.put(BUSY, EnumSet.of(IDLE, DRAINING, STOPPED));
        t.put(DRAINING, EnumSet.of(STOPPED));
        t.put(STOPPED, EnumSet.noneOf(InstanceState.class));
        return Map.copyOf(t);
    }

    /** @return every declared transition */
    static Set<Transition> all() {
        var all = new java.util.HashSet<Transition>();
        TRANSITIONS.forEach((from, tos) -> tos.forEach(to -> all.add(new Transition(from, to))));
        return Set.copyOf(all);
    }

    /**
     * @param instanceId the instance, for the message
     * @param from its state
     * @param to the state asked for
     * @throws IllegalStateException when the table does not allow the step
     */
    static void check(String instanceId, InstanceState from, InstanceState to) {
        if (!TRANSITIONS.get(from).contains(to)) {
            throw new IllegalStateException("instance " + instanceId + ": " + from + " -> " + to
                    + " is not a lifecycle transition; from " + from + " only " + TRANSITIONS.get(from)
                    + " may follow");
        }
    }
}
