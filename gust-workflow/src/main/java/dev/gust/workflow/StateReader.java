package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads one state of any type: its fields as its type allows them, their types and ranges, the
 * exclusive literal/path pairs, End or Next. Transition targets are checked by {@link Transitions}.
 */
final class StateReader {
    static final List<String> TYPES = List.of("Task", "Choice", "Wait", "Parallel", "Map", "Pass", "Succeed", "Fail");

    private static final List<String> IO = List.of("Type", "Comment", "InputPath", "OutputPath");
    private static final List<String> FLOW = List.of("Next", "End");
    private static final List<String> WAIT_FIELDS = List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath");
    private static final String MAP_ITEMS_HINT = "Gust runs Maps inline over an array in the state's input "
            + "(ItemsPath)";

    private final MachineReader machines;
    private final List<Problem> problems;
    private final ErrorHandlers errorHandlers;

    StateReader(MachineReader machines, List<Problem> problems) {
        this.machines = machines;
        this.problems = problems;
        this.errorHandlers = new ErrorHandlers(problems);
    }

    /** @return the state, or empty when it has a problem */
    Optional<State> read(JsonNode node, String pointer) {
        if (!node.isObject()) {
            problems.add(new Problem(pointer, "a state must be a JSON object with a Type, was "
                    + Fields.describe(node)));
            return Optional.empty();
        }
        var f = new Fields(node, pointer, problems);
        Optional<String> type = f.has("Type") ? f.string("Type")
                : f.problem("Type", "is required: one of " + String.join(", ", TYPES));
        type.filter(t -> !TYPES.contains(t)).ifPresent(t -> f.problem("Type",
                "must be one of " + String.join(", ", TYPES) + ", was \"" + t + "\""));
        return type.filter(TYPES::contains).flatMap(t -> read(t, f));
    }

    private Optional<State> read(String type, Fields f) {
        return switch (type) {
            case "Task" -> task(f);
            case "Choice" -> choice(f);
            case "Wait" -> waitState(f);
            case "Parallel" -> parallel(f);
            case "Map" -> map(f);
            case "Pass" -> pass(f);
            case "Succeed" -> succeed(f);
            default -> fail(f);
        };
    }

    private Optional<State> task(Fields f) {
        int before = problems.size();
        f.allowOnly(fields(IO, FLOW, List.of("Resource", "Parameters", "ResultSelector", "ResultPath",
                        "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Retry",
                        "Catch")),
                Map.of("Credentials", "is not supported: Gust runs every task with the platform's own identity"),
                "a Task state");
        var io = io(f);
        Optional<TaskResource> resource = f.requiredString("Resource").flatMap(text -> resource(f, text));
        var timeout = orPath(f, "TimeoutSeconds", n -> f.integer(n, 1, Fields.MAX_SECONDS))
                .orElse(new ValueOrPath.Fixed<>(State.DEFAULT_TASK_TIMEOUT_SECONDS));
        var heartbeat = orPath(f, "HeartbeatSeconds", n -> f.integer(n, 1, Fields.MAX_SECONDS));
        checkHeartbeat(f, timeout, heartbeat);
        var parameters = template(f, "Parameters");
        var selector = template(f, "ResultSelector");
        var resultPath = nullablePath(f, "ResultPath", true);
        var retry = errorHandlers.retriers(f);
        var catchers = errorHandlers.catchers(f);
        var transition = transition(f);
        return build(before, () -> new State.Task(io.comment(), io.inputPath(), io.outputPath(),
                resource.orElseThrow(), parameters, selector, resultPath,
                timeout, heartbeat, retry, catchers, transition.orElseThrow()));
    }

    private Optional<TaskResource> resource(Fields f, String text) {
        return switch (TaskResource.parse(text)) {
            case TaskResource.Valid v -> Optional.of(v.resource());
            case TaskResource.Invalid i -> f.problem("Resource", i.message());
        };
    }

    private static void checkHeartbeat(Fields f, ValueOrPath<Long> timeout, Optional<ValueOrPath<Long>> heartbeat) {
        if (timeout instanceof ValueOrPath.Fixed<Long>(Long t)
                && heartbeat.orElse(null) instanceof ValueOrPath.Fixed<Long>(Long h) && h >= t) {
            f.problem("HeartbeatSeconds", "must be less than TimeoutSeconds (" + t
                    + (f.has("TimeoutSeconds") ? "" : ", the default") + "), was " + h);
        }
    }

    private Optional<State> choice(Fields f) {
        int before = problems.size();
        f.allowOnly(fields(IO, List.of("Choices", "Default")), terminal("a Choice state's transitions are its "
                + "Choices' Next and its Default"), "a Choice state");
        var io = io(f);
        List<JsonNode> choices = new ArrayList<>();
        Optional<JsonNode> list = f.has("Choices") ? f.array("Choices")
                : f.problem("Choices", "is required (a non-empty array of choice rules)");
        list.filter(JsonNode::isEmpty).ifPresent(l -> f.problem("Choices", "must hold at least one choice rule"));
        list.ifPresent(l -> l.forEach(choices::add));
        for (int i = 0; i < choices.size(); i++) {
            choiceRule(choices.get(i), f.at("Choices") + "/" + i);
        }
        var defaultState = f.string("Default");
        return build(before, () -> new State.Choice(io.comment(), io.inputPath(), io.outputPath(), choices,
                defaultState));
    }

    private void choiceRule(JsonNode rule, String pointer) {
        if (!rule.isObject()) {
            problems.add(new Problem(pointer, "a choice rule must be a JSON object, was " + Fields.describe(rule)));
        } else {
            problems.addAll(ChoiceRules.check(rule, pointer, true));
        }
    }

    private Optional<State> waitState(Fields f) {
        int before = problems.size();
        f.allowOnly(fields(IO, FLOW, WAIT_FIELDS), Map.of(), "a Wait state");
        var io = io(f);
        List<String> given = WAIT_FIELDS.stream().filter(f::has).toList();
        if (given.isEmpty()) {
            problems.add(new Problem(f.pointer(), "a Wait state needs one of " + String.join(", ", WAIT_FIELDS)));
        }
        given.stream().skip(1).forEach(extra -> f.problem(extra, "cannot be used together with " + given.get(0)
                + "; a Wait state takes exactly one of " + String.join(", ", WAIT_FIELDS)));
        Optional<WaitFor> waitFor = given.isEmpty() ? Optional.empty() : waitFor(f, given.get(0));
        var transition = transition(f);
        return build(before, () -> new State.Wait(io.comment(), io.inputPath(), io.outputPath(),
                waitFor.orElseThrow(), transition.orElseThrow()));
    }

    private static Optional<WaitFor> waitFor(Fields f, String field) {
        return switch (field) {
            case "Seconds" -> f.integer(field, 0, Fields.MAX_SECONDS).map(WaitFor.Seconds::new);
            case "Timestamp" -> f.string(field).flatMap(t -> timestamp(f, t)).map(WaitFor.Timestamp::new);
            case "SecondsPath" -> f.referencePath(field).map(WaitFor.SecondsPath::new);
            default -> f.referencePath(field).map(WaitFor.TimestampPath::new);
        };
    }

    private static Optional<OffsetDateTime> timestamp(Fields f, String text) {
        String wrong = "must be an RFC 3339 timestamp with an uppercase T and a Z or numeric offset, like "
                + "2026-03-14T01:59:00Z, was \"" + text + "\"";
        if (!text.equals(text.toUpperCase(Locale.ROOT))) {
            return f.problem("Timestamp", wrong);
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        } catch (DateTimeParseException e) {
            return f.problem("Timestamp", wrong);
        }
    }

    private Optional<State> parallel(Fields f) {
        int before = problems.size();
        f.allowOnly(fields(IO, FLOW, List.of("Branches", "Parameters", "ResultSelector", "ResultPath", "Retry",
                "Catch")), Map.of(), "a Parallel state");
        var io = io(f);
        List<StateMachine> branches = new ArrayList<>();
        Optional<JsonNode> list = f.has("Branches") ? f.array("Branches")
                : f.problem("Branches", "is required (a non-empty array of state machines)");
        list.filter(JsonNode::isEmpty).ifPresent(l -> f.problem("Branches", "must hold at least one branch"));
        list.ifPresent(l -> {
            for (int i = 0; i < l.size(); i++) {
                machines.read(l.get(i), f.at("Branches") + "/" + i, MachineReader.Kind.BRANCH).ifPresent(branches::add);
            }
        });
        var parameters = template(f, "Parameters");
        var selector = template(f, "ResultSelector");
        var resultPath = nullablePath(f, "ResultPath", true);
        var retry = errorHandlers.retriers(f);
        var catchers = errorHandlers.catchers(f);
        var transition = transition(f);
        return build(before, () -> new State.Parallel(io.comment(), io.inputPath(), io.outputPath(), branches,
                parameters, selector, resultPath, retry, catchers,
                transition.orElseThrow()));
    }

    private Optional<State> map(Fields f) {
        int before = problems.size();
        f.allowOnly(fields(IO, FLOW, List.of("ItemsPath", "ItemSelector", "Parameters", "ItemProcessor", "Iterator",
                        "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailurePercentage",
                        "ToleratedFailurePercentagePath", "ToleratedFailureCount", "ToleratedFailureCountPath",
                        "ResultSelector", "ResultPath", "Retry", "Catch")),
                Map.of("ItemReader", "is not supported: " + MAP_ITEMS_HINT,
                        "ItemBatcher", "is not supported: " + MAP_ITEMS_HINT + ", one item per iteration",
                        "ResultWriter", "is not supported: a Map's results are its output",
                        "Label", "is not supported: Label belongs to distributed Maps, and " + MAP_ITEMS_HINT),
                "a Map state");
        var io = io(f);
        String itemsPath = f.referencePath("ItemsPath").orElse("$");
        f.exclusive("ItemSelector", "Parameters");
        var selector = template(f, f.has("Parameters") ? "Parameters" : "ItemSelector");
        Optional<StateMachine> processor = itemProcessor(f);
        var concurrency = orPath(f, "MaxConcurrency", n -> f.integer(n, 0, Integer.MAX_VALUE).map(Long::intValue))
                .orElse(new ValueOrPath.Fixed<>(0));
        var percentage = orPath(f, "ToleratedFailurePercentage", n -> f.number(n, 0, 100));
        var count = orPath(f, "ToleratedFailureCount", n -> f.integer(n, 0, Integer.MAX_VALUE).map(Long::intValue));
        var resultSelector = template(f, "ResultSelector");
        var resultPath = nullablePath(f, "ResultPath", true);
        var retry = errorHandlers.retriers(f);
        var catchers = errorHandlers.catchers(f);
        var transition = transition(f);
        return build(before, () -> new State.Map(io.comment(), io.inputPath(), io.outputPath(), itemsPath,
                selector, processor.orElseThrow(), concurrency,
                percentage, count, resultSelector, resultPath, retry, catchers, transition.orElseThrow()));
    }

    private Optional<StateMachine> itemProcessor(Fields f) {
        if (!f.exclusive("ItemProcessor", "Iterator")) {
            return Optional.empty();
        }
        if (f.has("Iterator")) {
            return f.get("Iterator").flatMap(n -> machines.read(n, f.at("Iterator"), MachineReader.Kind.ITERATOR));
        }
        return f.has("ItemProcessor")
                ? f.get("ItemProcessor").flatMap(n -> machines.read(n, f.at("ItemProcessor"),
                        MachineReader.Kind.PROCESSOR))
                : f.problem("ItemProcessor", "is required (the state machine run for each item)");
    }

    private Optional<State> pass(Fields f) {
        int before = problems.size();
        f.allowOnly(fields(IO, FLOW, List.of("Parameters", "Result", "ResultPath")), Map.of(), "a Pass state");
        var io = io(f);
        var parameters = template(f, "Parameters");
        var resultPath = nullablePath(f, "ResultPath", true);
        var transition = transition(f);
        return build(before, () -> new State.Pass(io.comment(), io.inputPath(), io.outputPath(), parameters,
                f.get("Result"), resultPath,
                transition.orElseThrow()));
    }

    private Optional<State> succeed(Fields f) {
        int before = problems.size();
        f.allowOnly(IO, terminal("a Succeed state ends its machine"), "a Succeed state");
        var io = io(f);
        return build(before, () -> new State.Succeed(io.comment(), io.inputPath(), io.outputPath()));
    }

    private Optional<State> fail(Fields f) {
        int before = problems.size();
        Map<String, String> refused = new HashMap<>(terminal("a Fail state ends its machine"));
        refused.put("InputPath", "is not a field of a Fail state: it takes no input processing");
        refused.put("OutputPath", "is not a field of a Fail state: it has no output");
        f.allowOnly(List.of("Type", "Comment", "Error", "ErrorPath", "Cause", "CausePath"), refused, "a Fail state");
        var comment = f.string("Comment");
        var error = orPath(f, "Error", f::string, this::pathOrIntrinsic);
        var cause = orPath(f, "Cause", f::string, this::pathOrIntrinsic);
        return build(before, () -> new State.Fail(comment, error, cause));
    }

    // ErrorPath and CausePath also take an intrinsic function call, checked where intrinsics are evaluated.
    private Optional<String> pathOrIntrinsic(Fields f, String name) {
        Optional<String> text = f.get(name).filter(JsonNode::isTextual).map(JsonNode::textValue);
        return text.filter(t -> t.startsWith("States.")).isPresent() ? text : f.path(name);
    }

    private static Map<String, String> terminal(String why) {
        return Map.of("Next", "is not a field here: " + why, "End", "is not a field here: " + why);
    }

    /** The fields most states share, read before anything is built so that their problems count. */
    private record Io(Optional<String> comment, Optional<String> inputPath, Optional<String> outputPath) {
    }

    private static Io io(Fields f) {
        return new Io(f.string("Comment"), nullablePath(f, "InputPath", false), nullablePath(f, "OutputPath", false));
    }

    private Optional<Transition> transition(Fields f) {
        Optional<String> next = f.string("Next");
        boolean end = f.bool("End").orElse(false);
        if (f.has("Next") && end) {
            return f.problem("End", "cannot be true together with Next: a state either ends its machine or goes on");
        }
        if (next.isPresent()) {
            return Optional.of(new Transition.Next(next.get()));
        }
        if (end) {
            return Optional.of(new Transition.End());
        }
        if (!f.has("Next") && f.get("End").filter(JsonNode::isBoolean).isPresent()) {
            return f.problem("End", "is false and there is no Next; give Next, or \"End\": true");
        }
        return f.has("Next") || f.has("End") ? Optional.empty()
                : f.problem("Next", "is required unless the state has \"End\": true");
    }

    private Optional<JsonNode> template(Fields f, String name) {
        Optional<JsonNode> template = f.object(name);
        template.ifPresent(t -> problems.addAll(PayloadTemplate.check(t, f.at(name))));
        return template;
    }

    private static <T> Optional<ValueOrPath<T>> orPath(Fields f, String name, Function<String, Optional<T>> literal) {
        return orPath(f, name, literal, Fields::referencePath);
    }

    private static <T> Optional<ValueOrPath<T>> orPath(Fields f, String name, Function<String, Optional<T>> literal,
            BiFunction<Fields, String, Optional<String>> path) {
        String pathName = name + "Path";
        if (!f.exclusive(name, pathName)) {
            return Optional.empty();
        }
        if (f.has(pathName)) {
            return path.apply(f, pathName).map(p -> new ValueOrPath.FromPath<>(p));
        }
        return literal.apply(name).map(v -> new ValueOrPath.Fixed<>(v));
    }

    private static Optional<String> nullablePath(Fields f, String name, boolean reference) {
        return f.nullablePath(name, reference).orElse(Optional.of("$")); // a wrong path is already a problem
    }

    private Optional<State> build(int before, Supplier<State> make) {
        return problems.size() > before ? Optional.empty() : Optional.of(make.get());
    }

    @SafeVarargs
    private static List<String> fields(List<String>... groups) {
        return Stream.of(groups).flatMap(List::stream).toList();
    }
}
