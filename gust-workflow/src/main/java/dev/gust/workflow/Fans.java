package dev.gust.workflow;

import static dev.gust.store.HistoryEvent.Type.MAP_FAILED;
import static dev.gust.store.HistoryEvent.Type.MAP_ITERATION_FAILED;
import static dev.gust.store.HistoryEvent.Type.MAP_ITERATION_STARTED;
import static dev.gust.store.HistoryEvent.Type.MAP_ITERATION_SUCCEEDED;
import static dev.gust.store.HistoryEvent.Type.MAP_STARTED;
import static dev.gust.store.HistoryEvent.Type.MAP_SUCCEEDED;
import static dev.gust.store.HistoryEvent.Type.PARALLEL_BRANCH_FAILED;
import static dev.gust.store.HistoryEvent.Type.PARALLEL_BRANCH_STARTED;
import static dev.gust.store.HistoryEvent.Type.PARALLEL_BRANCH_SUCCEEDED;
import static dev.gust.store.HistoryEvent.Type.PARALLEL_FAILED;
import static dev.gust.store.HistoryEvent.Type.PARALLEL_STARTED;
import static dev.gust.store.HistoryEvent.Type.PARALLEL_SUCCEEDED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Map and Parallel states: each iteration or branch is a child {@link Frame} whose progress is
 * checkpointed like the top machine's; the parent goes on when the last one ends, or fails when one
 * fails beyond what it tolerates.
 */
final class Fans {
    static final String EXCEEDED = "States.ExceedToleratedFailureThreshold";

    private final Interpreter interpreter;

    Fans(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    void startMap(Run run, Frame f, State.Map m, Step step) {
        ObjectNode ctx = run.context(f);
        JsonNode effective = Paths.inputPath(m.inputPath(), f.input, ctx);
        JsonNode items = Paths.read(m.itemsPath(), effective, ctx);
        if (!items.isArray()) {
            throw WorkflowError.runtime("ItemsPath '" + m.itemsPath() + "' must select an array, not " + Paths.describe(items));
        }
        ArrayNode inputs = JsonNodeFactory.instance.arrayNode(items.size());
        for (int i = 0; i < items.size(); i++) {
            inputs.add(itemInput(m, effective, ctx, i, items.get(i)));
        }
        int maxConcurrency = (int) interpreter.resolve(m.maxConcurrency(), effective, ctx);
        ObjectNode d = step.event(MAP_STARTED, f.state, f.key).put("maxConcurrency", maxConcurrency);
        d.set("inputs", inputs);
        m.toleratedFailureCount().ifPresent(c -> d.put("toleratedCount", interpreter.resolve(c, effective, ctx)));
        m.toleratedFailurePercentage().ifPresent(p -> d.put("toleratedPercentage", percentage(p, effective, ctx)));
        int first = maxConcurrency <= 0 ? inputs.size() : Math.min(maxConcurrency, inputs.size());
        startChildren(f, step, false, inputs, 0, first, m.itemProcessor());
        if (inputs.isEmpty()) {
            finish(run, f, step, JsonNodeFactory.instance.arrayNode());
        }
    }

    private JsonNode itemInput(State.Map m, JsonNode effective, ObjectNode ctx, int index, JsonNode item) {
        if (m.itemSelector().isEmpty()) {
            return item;
        }
        ObjectNode itemCtx = ctx.deepCopy();
        itemCtx.putObject("Map").putObject("Item").put("Index", index).set("Value", item);
        return PayloadTemplate.evaluate(m.itemSelector().get(), effective, itemCtx, interpreter.intrinsics);
    }

    private double percentage(ValueOrPath<Double> value, JsonNode input, JsonNode ctx) {
        return switch (value) {
            case ValueOrPath.Fixed<Double> fixed -> fixed.value();
            case ValueOrPath.FromPath<Double> path -> {
                JsonNode found = Paths.read(path.path(), input, ctx);
                if (!found.isNumber() || found.asDouble() < 0 || found.asDouble() > 100) {
                    throw WorkflowError.runtime("ToleratedFailurePercentagePath must select a number 0..100, not " + found);
                }
                yield found.asDouble();
            }
        };
    }

    void startParallel(Run run, Frame f, State.Parallel p, Step step) {
        ObjectNode ctx = run.context(f);
        JsonNode effective = Paths.inputPath(p.inputPath(), f.input, ctx);
        JsonNode input = p.parameters().map(t -> PayloadTemplate.evaluate(t, effective, ctx, interpreter.intrinsics))
                .orElse(effective);
        ArrayNode inputs = JsonNodeFactory.instance.arrayNode(p.branches().size());
        p.branches().forEach(b -> inputs.add(input));
        step.event(PARALLEL_STARTED, f.state, f.key).put("maxConcurrency", 0).set("inputs", inputs);
        for (int i = 0; i < inputs.size(); i++) {
            startChildren(f, step, true, inputs, i, 1, p.branches().get(i));
        }
    }

    private static void startChildren(Frame f, Step step, boolean parallel, JsonNode inputs, int from, int count,
            StateMachine machine) {
        for (int i = from; i < from + count; i++) {
            String child = f.visit() + (parallel ? "#" + i : "[" + i + "]");
            step.event(parallel ? PARALLEL_BRANCH_STARTED : MAP_ITERATION_STARTED, f.state, child)
                    .put("parent", f.key).put("index", i);
            Interpreter.enter(step, machine.startAt(), child, inputs.get(i));
        }
    }

    void childSucceeded(Run run, Frame child, Step step, JsonNode output) {
        Frame parent = run.frames.get(child.parent.orElseThrow());
        Frame.Fan fan = parent.fan;
        step.event(fan.parallel ? PARALLEL_BRANCH_SUCCEEDED : MAP_ITERATION_SUCCEEDED, parent.state, child.key)
                .put("parent", parent.key).put("index", child.index).set("output", output);
        next(run, parent, step, child.index, output);
    }

    void childFailed(Run run, Frame child, Step step, String error, String cause) {
        Frame parent = run.frames.get(child.parent.orElseThrow());
        Frame.Fan fan = parent.fan;
        step.event(fan.parallel ? PARALLEL_BRANCH_FAILED : MAP_ITERATION_FAILED, parent.state, child.key)
                .put("parent", parent.key).put("index", child.index).setAll(Step.error(error, cause));
        if (!fan.exceeded(fan.failed + 1)) {
            next(run, parent, step, child.index, Step.error(error, cause));
            return;
        }
        boolean threshold = !fan.parallel && fan.tolerant();
        String failure = threshold ? EXCEEDED : error;
        String why = threshold ? "more items failed than the Map tolerates; the last one: " + error + ": " + cause : cause;
        step.event(fan.parallel ? PARALLEL_FAILED : MAP_FAILED, parent.state, parent.key).setAll(Step.error(failure, why));
        run.frames.values().stream().filter(fr -> parent.encloses(fr.key)).forEach(fr -> step.removeTimers(fr.timers));
        interpreter.handleError(run, parent, step, failure, why);
    }

    /** One child ended: start the next ones the concurrency allows, or finish when it was the last. */
    private void next(Run run, Frame parent, Step step, int index, JsonNode result) {
        Frame.Fan fan = parent.fan;
        int done = fan.succeeded + fan.failed + 1;
        if (done == fan.total) {
            ArrayNode results = JsonNodeFactory.instance.arrayNode(fan.total);
            for (int i = 0; i < fan.total; i++) {
                results.add(i == index ? result : Step.orNull(fan.results[i]));
            }
            finish(run, parent, step, results);
            return;
        }
        int limit = fan.maxConcurrency <= 0 ? fan.total : fan.maxConcurrency;
        int count = Math.min(limit - (fan.started - done), fan.total - fan.started);
        if (count > 0) {
            State.Map m = (State.Map) parent.current();
            startChildren(parent, step, false, fan.inputs, fan.started, count, m.itemProcessor());
        }
    }

    private void finish(Run run, Frame parent, Step step, ArrayNode results) {
        boolean parallel = parent.current() instanceof State.Parallel;
        step.event(parallel ? PARALLEL_SUCCEEDED : MAP_SUCCEEDED, parent.state, parent.key);
        try {
            switch (parent.current()) {
                case State.Map m -> interpreter.complete(run, parent, step, m.resultSelector(), m.resultPath(),
                        m.outputPath(), m.transition(), results);
                case State.Parallel p -> interpreter.complete(run, parent, step, p.resultSelector(), p.resultPath(),
                        p.outputPath(), p.transition(), results);
                default -> throw new IllegalStateException(parent.state + " is not a Map or Parallel");
            }
        } catch (WorkflowError e) {
            interpreter.handleError(run, parent, step, e.error(), e.cause());
        }
    }
}
