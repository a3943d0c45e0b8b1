package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a state machine and the machines nested in it, collecting every problem. One instance per
 * definition: state names and the state count are checked across all of its machines.
 */
final class MachineReader {
    static final int MAX_STATES = 10_000;
    static final int MAX_NAME_LENGTH = 80;

    /** Where a machine sits, which decides the fields it takes. */
    enum Kind {
        TOP("a state machine", List.of("Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage")),
        BRANCH("a Parallel branch", List.of("Comment", "StartAt", "States")),
        PROCESSOR("a Map's ItemProcessor", List.of("Comment", "StartAt", "States", "ProcessorConfig")),
        ITERATOR("a Map's Iterator", List.of("Comment", "StartAt", "States"));

        final String what;
        final List<String> fields;

        Kind(String what, List<String> fields) {
            this.what = what;
            this.fields = fields;
        }
    }

    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, String> firstUse = new HashMap<>();
    private final StateReader stateReader = new StateReader(this, problems);
    private int stateCount;

    List<Problem> problems() {
        return problems;
    }

    /** @return the machine, or empty when it (or anything in it) has a problem */
    Optional<StateMachine> read(JsonNode node, String pointer, Kind kind) {
        if (!node.isObject()) {
            problems.add(new Problem(pointer, kind.what + " must be a JSON object with StartAt and States, was "
                    + Fields.describe(node)));
            return Optional.empty();
        }
        int before = problems.size();
        var f = new Fields(node, pointer, problems);
        f.allowOnly(kind.fields, Map.of(), kind.what);
        Optional<String> startAt = f.requiredString("StartAt");
        Optional<String> comment = f.string("Comment");
        OptionalLong timeout = kind == Kind.TOP ? timeout(f) : OptionalLong.empty();
        if (kind == Kind.TOP) {
            checkVersion(f);
            checkQueryLanguage(f);
        }
        if (kind == Kind.PROCESSOR) {
            f.object("ProcessorConfig").ifPresent(c -> checkProcessorConfig(new Fields(c, f.at("ProcessorConfig"),
                    problems)));
        }
        Map<String, State> states = states(f);
        startAt.ifPresent(start -> f.get("States").filter(JsonNode::isObject).ifPresent(s ->
                Transitions.check(s, f.at("States"), start, f.at("StartAt"), problems)));
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new StateMachine(startAt.orElseThrow(), states, comment, timeout, "1.0"));
    }

    private static OptionalLong timeout(Fields f) {
        return f.integer("TimeoutSeconds", 1, Fields.MAX_SECONDS).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    private static void checkVersion(Fields f) {
        f.string("Version").filter(v -> !v.equals("1.0"))
                .ifPresent(v -> f.problem("Version",
                        "must be \"1.0\" (the only version of the language), was \"" + v + "\""));
    }

    private static void checkQueryLanguage(Fields f) {
        f.string("QueryLanguage").filter(q -> !q.equals("JSONPath")).ifPresent(q -> f.problem("QueryLanguage",
                "must be \"JSONPath\"; Gust does not support JSONata, was \"" + q + "\""));
    }

    private void checkProcessorConfig(Fields f) {
        f.allowOnly(List.of("Mode"), Map.of("ExecutionType",
                "is not supported: ExecutionType belongs to distributed Maps, and Gust runs Maps inline"),
                "a ProcessorConfig");
        f.string("Mode").filter(m -> !m.equals("INLINE")).ifPresent(m -> f.problem("Mode",
                "must be \"INLINE\"; Gust does not support distributed Maps, was \"" + m + "\""));
    }

    private Map<String, State> states(Fields f) {
        Map<String, State> states = new LinkedHashMap<>();
        Optional<JsonNode> node = f.has("States") ? f.object("States")
                : f.problem("States", "is required (a JSON object of states by name)");
        node.filter(JsonNode::isEmpty).ifPresent(n -> f.problem("States", "must hold at least one state"));
        node.ifPresent(n -> n.properties().forEach(e -> {
            String pointer = f.at("States") + "/" + Fields.escape(e.getKey());
            state(e.getKey(), e.getValue(), pointer).ifPresent(s -> states.put(e.getKey(), s));
        }));
        return states;
    }

    private Optional<State> state(String name, JsonNode node, String pointer) {
        stateCount++;
        if (stateCount == MAX_STATES + 1) {
            problems.add(new Problem(pointer, "is state number " + stateCount + "; a definition holds at most "
                    + MAX_STATES + " states, those of Parallel branches and Maps included"));
        }
        checkName(name, pointer);
        return stateReader.read(node, pointer);
    }

    private void checkName(String name, String pointer) {
        int length = name.codePointCount(0, name.length());
        if (length == 0) {
            problems.add(new Problem(pointer, "a state name must not be empty"));
        } else if (length > MAX_NAME_LENGTH) {
            problems.add(new Problem(pointer, "the state name is " + length + " characters long; at most "
                    + MAX_NAME_LENGTH + " are allowed"));
        }
        String first = firstUse.putIfAbsent(name, pointer);
        if (first != null) {
            problems.add(new Problem(pointer, "the state name \"" + name + "\" is already used at " + first
                    + "; names are unique in the whole definition, nested machines included"));
        }
    }
}
