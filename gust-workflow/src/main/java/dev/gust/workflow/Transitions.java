package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transition graph of one machine, read from the JSON as written so that it is checked even
 * when some states have other problems: every target names a state of the same machine, every
 * state is reachable from StartAt, and some state ends the machine.
 */
final class Transitions {
    private static final int NAMES_SHOWN = 20;

    private final JsonNode states;
    private final String statesPointer;
    private final List<Problem> problems;

    private Transitions(JsonNode states, String statesPointer, List<Problem> problems) {
        this.states = states;
        this.statesPointer = statesPointer;
        this.problems = problems;
    }

    static void check(JsonNode states, String statesPointer, String startAt, String startAtPointer,
            List<Problem> problems) {
        if (states.isEmpty()) {
            return; // reported as an empty States; every target would repeat it
        }
        var t = new Transitions(states, statesPointer, problems);
        Map<String, List<String>> edges = t.edges();
        if (!states.has(startAt)) {
            problems.add(new Problem(startAtPointer, t.noSuchState(startAt)));
            return;
        }
        t.checkReachable(startAt, edges);
        t.checkTerminal();
    }

    private Map<String, List<String>> edges() {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        states.properties().forEach(e -> edges.put(e.getKey(), targets(e.getValue(), pointer(e.getKey()))));
        return edges;
    }

    private List<String> targets(JsonNode state, String pointer) {
        List<String> targets = new ArrayList<>();
        target(state, "Next", pointer, targets);
        target(state, "Default", pointer, targets);
        for (String list : List.of("Choices", "Catch")) {
            JsonNode entries = state.path(list);
            for (int i = 0; i < entries.size(); i++) {
                target(entries.path(i), "Next", pointer + "/" + list + "/" + i, targets);
            }
        }
        return targets;
    }

    private void target(JsonNode holder, String field, String pointer, List<String> targets) {
        JsonNode value = holder.get(field);
        if (value == null || !value.isTextual()) {
            return; // missing or wrong-typed targets are reported by the state's own reader
        }
        if (states.has(value.textValue())) {
            targets.add(value.textValue());
        } else {
            problems.add(new Problem(pointer + "/" + field, noSuchState(value.textValue())));
        }
    }

    private void checkReachable(String startAt, Map<String, List<String>> edges) {
        Set<String> seen = new HashSet<>(List.of(startAt));
        Deque<String> todo = new ArrayDeque<>(seen);
        while (!todo.isEmpty()) {
            edges.getOrDefault(todo.pop(), List.of()).stream().filter(seen::add).forEach(todo::push);
        }
        edges.keySet().stream().filter(name -> !seen.contains(name)).forEach(name -> problems.add(new Problem(
                pointer(name), "is not reachable from StartAt \"" + startAt + "\"; no Next, Default, Choices or "
                        + "Catch leads to it")));
    }

    private void checkTerminal() {
        for (JsonNode state : states) {
            String type = state.path("Type").asText();
            if (type.equals("Succeed") || type.equals("Fail") || state.path("End").asBoolean(false)) {
                return;
            }
        }
        problems.add(new Problem(statesPointer, "no state ends the machine; give a state \"End\": true, or add a "
                + "Succeed or Fail state"));
    }

    private String noSuchState(String name) {
        List<String> names = new ArrayList<>();
        states.fieldNames().forEachRemaining(names::add);
        String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())))
                + (names.size() > NAMES_SHOWN ? ", ..." : "");
        return "names no state of this machine: \"" + name + "\"; transitions stay inside their own machine, "
                + "whose states are: " + shown;
    }

    private String pointer(String name) {
        return statesPointer + "/" + Fields.escape(name);
    }
}
