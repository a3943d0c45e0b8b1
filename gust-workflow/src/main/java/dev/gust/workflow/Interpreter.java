package dev.gust.workflow;

import static dev.gust.store.HistoryEvent.Type.ERROR_CAUGHT;
import static dev.gust.store.HistoryEvent.Type.RETRY_SCHEDULED;
import static dev.gust.store.HistoryEvent.Type.STATE_ENTERED;
import static dev.gust.store.HistoryEvent.Type.STATE_EXITED;
import static dev.gust.store.HistoryEvent.Type.TASK_FAILED;
import static dev.gust.store.HistoryEvent.Type.TASK_SCHEDULED;
import static dev.gust.store.HistoryEvent.Type.TASK_SUCCEEDED;
import static dev.gust.store.HistoryEvent.Type.TASK_TIMED_OUT;
import static dev.gust.store.HistoryEvent.Type.TIMER_FIRED;
import static dev.gust.store.HistoryEvent.Type.WAIT_STARTED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.store.Execution;
import dev.gust.store.TaskToken;
import dev.gust.store.WorkflowStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Decides each transition of an execution: what a state does with its input, where it goes, how its
 * errors are retried or caught. Produces {@link Step}s and touches no frame itself: the engine
 * commits a step and folds its events back ({@link Run#apply}). Called on the execution's thread.
 */
final class Interpreter {
    static final String RETRY = "retry";
    static final String WAIT = "wait";
    static final String TIMEOUT = "timeout";
    static final String EXECUTION_TIMEOUT = "execution-timeout";
    static final String TIMEOUT_ERROR = "States.Timeout";
    static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
    static final String TASK_FAILED_ERROR = "States.TaskFailed";
    static final String NO_CHOICE = "States.NoChoiceMatched";

    final InstantSource clock;
    final Intrinsics intrinsics;
    private final RandomGenerator jitter;
    private final Map<JsonNode, ChoiceRule> rules = new ConcurrentHashMap<>();
    private final Fans fans = new Fans(this);

    Interpreter(InstantSource clock, Intrinsics intrinsics, RandomGenerator jitter) {
        this.clock = clock;
        this.intrinsics = intrinsics;
        this.jitter = jitter;
    }

    Step step() {
        return new Step(clock.instant());
    }

    /** Enters the start state of a new execution, with its execution timeout. */
    Step begin(Run run) {
        Step step = step();
        if (run.top().state != null) {
            return step;
        }
        enter(step, run.machine.startAt(), "", Run.read(run.execution.input()));
        run.machine.timeoutSeconds().ifPresent(s -> step.addTimer(new WorkflowStore.Timer(run.execution.id() + "/timeout",
                run.execution.id(), run.execution.startedAt().plusSeconds(s), EXECUTION_TIMEOUT, "{}")));
        return step;
    }

    /** Does what the frame's entered state does. */
    Step act(Run run, Frame f) {
        Step step = step();
        State state = f.current();
        try {
            switch (state) {
                case State.Pass p -> pass(run, f, p, step);
                case State.Succeed s -> succeed(run, f, s, step);
                case State.Fail fail -> fail(run, f, fail, step);
                case State.Choice c -> choice(run, f, c, step);
                case State.Wait w -> waitFor(run, f, w, step);
                case State.Task t -> schedule(run, f, t, step);
                case State.Map m -> fans.startMap(run, f, m, step);
                case State.Parallel p -> fans.startParallel(run, f, p, step);
            }
        } catch (WorkflowError e) {
            return handleError(run, f, step(), e.error(), e.cause());
        }
        return step;
    }

    private void pass(Run run, Frame f, State.Pass p, Step step) {
        JsonNode ctx = run.context(f);
        JsonNode effective = Paths.inputPath(p.inputPath(), f.input, ctx);
        JsonNode result = p.result().<JsonNode>map(JsonNode::deepCopy)
                .orElseGet(() -> p.parameters().map(t -> PayloadTemplate.evaluate(t, effective, ctx, intrinsics)).orElse(effective));
        JsonNode output = Paths.outputPath(p.outputPath(), Paths.resultPath(p.resultPath(), f.input, result), ctx);
        exit(run, f, step, p.transition(), output);
    }

    private void succeed(Run run, Frame f, State.Succeed s, Step step) {
        JsonNode ctx = run.context(f);
        JsonNode output = Paths.outputPath(s.outputPath(), Paths.inputPath(s.inputPath(), f.input, ctx), ctx);
        step.event(STATE_EXITED, f.state, f.key).set("output", output);
        frameSucceeded(run, f, step, output);
    }

    private void fail(Run run, Frame f, State.Fail fail, Step step) {
        JsonNode ctx = run.context(f);
        String error = fail.error().map(e -> text(e, f.input, ctx, "ErrorPath")).orElse("States.Failed");
        String cause = fail.cause().map(c -> text(c, f.input, ctx, "CausePath")).orElse("");
        step.event(STATE_EXITED, f.state, f.key).setAll(Step.error(error, cause));
        frameFailed(run, f, step, error, cause);
    }

    private void choice(Run run, Frame f, State.Choice c, Step step) {
        JsonNode ctx = run.context(f);
        JsonNode effective = Paths.inputPath(c.inputPath(), f.input, ctx);
        Optional<String> next = c.choices().stream()
                .filter(rule -> ChoiceRules.evaluate(rules.computeIfAbsent(rule, ChoiceRules::parse), effective, ctx))
                .map(rule -> rule.path("Next").asText()).findFirst().or(c::defaultState);
        if (next.isEmpty()) {
            throw new WorkflowError(NO_CHOICE, "no choice rule of state '" + f.state + "' matched its input and it has no Default");
        }
        exit(run, f, step, new Transition.Next(next.get()), Paths.outputPath(c.outputPath(), effective, ctx));
    }

    private void waitFor(Run run, Frame f, State.Wait w, Step step) {
        JsonNode ctx = run.context(f);
        JsonNode effective = Paths.inputPath(w.inputPath(), f.input, ctx);
        Instant until = switch (w.waitFor()) {
            case WaitFor.Seconds s -> step.at.plusSeconds(s.seconds());
            case WaitFor.Timestamp t -> t.timestamp().toInstant();
            case WaitFor.SecondsPath sp -> step.at.plusSeconds(seconds(Paths.read(sp.path(), effective, ctx), "SecondsPath"));
            case WaitFor.TimestampPath tp -> timestamp(Paths.read(tp.path(), effective, ctx), tp.path());
        };
        String timer = f.visit() + "/" + WAIT;
        step.event(WAIT_STARTED, f.state, f.key).put("until", until.toString()).put("timer", timer);
        step.addTimer(timer(run, f, timer, until, WAIT));
    }

    private void schedule(Run run, Frame f, State.Task t, Step step) {
        ObjectNode ctx = run.context(f);
        Optional<String> token = t.resource().waitForTaskToken() ? Optional.of(UUID.randomUUID().toString()) : Optional.empty();
        token.ifPresent(tok -> ctx.putObject("Task").put("Token", tok));
        JsonNode effective = Paths.inputPath(t.inputPath(), f.input, ctx);
        JsonNode input = t.parameters().map(p -> PayloadTemplate.evaluate(p, effective, ctx, intrinsics)).orElse(effective);
        long timeout = positive(resolve(t.timeoutSeconds(), effective, ctx), "TimeoutSeconds");
        Optional<Long> heartbeat = t.heartbeatSeconds().map(h -> positive(resolve(h, effective, ctx), "HeartbeatSeconds"));
        String timer = f.visit() + "/" + TIMEOUT;
        ObjectNode d = step.event(TASK_SCHEDULED, f.state, f.key).put("attempt", f.attempt)
                .put("resource", t.resource().text()).put("key", run.execution.id() + "/" + f.visit())
                .put("timeoutSeconds", timeout).put("timer", timer);
        d.set("input", input);
        token.ifPresent(tok -> d.put("token", tok));
        heartbeat.ifPresent(h -> d.put("heartbeatSeconds", h));
        step.addTimer(timer(run, f, timer, step.at.plusSeconds(timeout), TIMEOUT));
        token.ifPresent(tok -> step.issue(new TaskToken.Issue(tok, f.state, f.attempt, heartbeat.map(step.at::plusSeconds))));
    }

    /** The task of the frame's current attempt returned {@code result}. */
    Step taskSucceeded(Run run, Frame f, JsonNode result) {
        Step step = step();
        step.event(TASK_SUCCEEDED, f.state, f.key).put("attempt", f.attempt).set("output", result);
        step.removeTimers(f.timers);
        State.Task t = (State.Task) f.current();
        try {
            complete(run, f, step, t.resultSelector(), t.resultPath(), t.outputPath(), t.transition(), result);
            return step;
        } catch (WorkflowError e) {
            return handleError(run, f, step, e.error(), e.cause());
        }
    }

    /** The task of the frame's current attempt failed (or timed out). */
    Step taskFailed(Run run, Frame f, String error, String cause) {
        Step step = step();
        boolean timedOut = error.equals(TIMEOUT_ERROR) || error.equals(HEARTBEAT_TIMEOUT);
        step.event(timedOut ? TASK_TIMED_OUT : TASK_FAILED, f.state, f.key).put("attempt", f.attempt)
                .setAll(Step.error(error, cause));
        step.removeTimers(f.timers);
        return handleError(run, f, step, error, cause);
    }

    /** A due timer of the execution: a Wait's end, a retry, a task's timeout. */
    Optional<Step> timer(Run run, WorkflowStore.Timer timer) {
        if (timer.kind().equals(EXECUTION_TIMEOUT)) {
            Step step = step();
            step.finish(Execution.Finish.failed(Execution.Status.TIMED_OUT, TIMEOUT_ERROR,
                    "the execution ran longer than its TimeoutSeconds", step.at));
            return Optional.of(step);
        }
        JsonNode p = Run.read(timer.payload());
        Frame f = run.frames.get(p.path("frame").asText());
        if (f == null || !f.timers.contains(timer.id())) {
            return Optional.empty();
        }
        return switch (timer.kind()) {
            case WAIT -> Optional.of(waited(run, f, timer));
            case RETRY -> Optional.of(fired(step(), f, timer));
            case TIMEOUT -> Optional.of(taskFailed(run, f, TIMEOUT_ERROR,
                    "the task ran longer than its TimeoutSeconds (" + f.timeoutSeconds + " s)"));
            default -> Optional.empty();
        };
    }

    private Step waited(Run run, Frame f, WorkflowStore.Timer timer) {
        Step step = fired(step(), f, timer);
        State.Wait w = (State.Wait) f.current();
        JsonNode ctx = run.context(f);
        try {
            exit(run, f, step, w.transition(), Paths.outputPath(w.outputPath(), Paths.inputPath(w.inputPath(), f.input, ctx), ctx));
            return step;
        } catch (WorkflowError e) {
            return handleError(run, f, step, e.error(), e.cause());
        }
    }

    private static Step fired(Step step, Frame f, WorkflowStore.Timer timer) {
        step.event(TIMER_FIRED, f.state, f.key).put("timer", timer.id()).put("kind", timer.kind());
        step.removeTimers(List.of(timer.id()));
        return step;
    }

    /** ResultSelector, ResultPath and OutputPath of a result, then the transition. */
    void complete(Run run, Frame f, Step step, Optional<JsonNode> selector, Optional<String> resultPath,
            Optional<String> outputPath, Transition transition, JsonNode result) {
        JsonNode ctx = run.context(f);
        JsonNode selected = selector.map(s -> PayloadTemplate.evaluate(s, result, ctx, intrinsics)).orElse(result);
        JsonNode output = Paths.outputPath(outputPath, Paths.resultPath(resultPath, f.input, selected), ctx);
        exit(run, f, step, transition, output);
    }

    void exit(Run run, Frame f, Step step, Transition transition, JsonNode output) {
        step.event(STATE_EXITED, f.state, f.key).set("output", output);
        switch (transition) {
            case Transition.Next next -> enter(step, next.state(), f.key, output);
            case Transition.End end -> frameSucceeded(run, f, step, output);
        }
    }

    static void enter(Step step, String state, String frame, JsonNode input) {
        step.event(STATE_ENTERED, state, frame).set("input", input);
    }

    void frameSucceeded(Run run, Frame f, Step step, JsonNode output) {
        if (f.parent.isEmpty()) {
            step.finish(Execution.Finish.succeeded(output.toString(), step.at));
        } else {
            fans.childSucceeded(run, f, step, output);
        }
    }

    void frameFailed(Run run, Frame f, Step step, String error, String cause) {
        if (f.parent.isEmpty()) {
            step.finish(Execution.Finish.failed(Execution.Status.FAILED, error, cause, step.at));
        } else {
            fans.childFailed(run, f, step, error, cause);
        }
    }

    /** Retries the state, or catches the error, or fails the frame with it. */
    Step handleError(Run run, Frame f, Step step, String error, String cause) {
        List<Retrier> retriers = switch (f.current()) {
            case State.Task t -> t.retry();
            case State.Map m -> m.retry();
            case State.Parallel p -> p.retry();
            default -> List.of();
        };
        List<Catcher> catchers = switch (f.current()) {
            case State.Task t -> t.catchers();
            case State.Map m -> m.catchers();
            case State.Parallel p -> p.catchers();
            default -> List.of();
        };
        if (retry(run, f, step, retriers, error, cause)) {
            return step;
        }
        for (Catcher c : catchers) {
            if (matches(c.errorEquals(), error)) {
                return caught(run, f, step, c, error, cause);
            }
        }
        frameFailed(run, f, step, error, cause);
        return step;
    }

    private boolean retry(Run run, Frame f, Step step, List<Retrier> retriers, String error, String cause) {
        for (int i = 0; i < retriers.size(); i++) {
            Retrier r = retriers.get(i);
            if (matches(r.errorEquals(), error)) {
                int count = f.retryCounts.getOrDefault(i, 0);
                if (count >= r.maxAttempts()) {
                    return false;
                }
                Duration delay = delay(r, count);
                String timer = f.visit() + "/" + RETRY;
                ObjectNode d = step.event(RETRY_SCHEDULED, f.state, f.key).put("retrier", i).put("count", count + 1)
                        .put("attempt", f.attempt + 1).put("delayMillis", delay.toMillis()).put("timer", timer);
                d.setAll(Step.error(error, cause));
                step.addTimer(timer(run, f, timer, step.at.plus(delay), RETRY));
                return true;
            }
        }
        return false;
    }

    private Step caught(Run run, Frame f, Step step, Catcher c, String error, String cause) {
        step.event(ERROR_CAUGHT, f.state, f.key).put("next", c.next()).setAll(Step.error(error, cause));
        JsonNode output = Paths.resultPath(c.resultPath(), f.input, Step.error(error, cause));
        exit(run, f, step, new Transition.Next(c.next()), output);
        return step;
    }

    /**
     * {@code States.ALL} matches every error but {@code States.Runtime}; {@code States.TaskFailed}
     * every one but those two and {@code States.Timeout}; other names only themselves.
     */
    static boolean matches(List<String> errorEquals, String error) {
        if (errorEquals.contains(error)) {
            return true;
        }
        if (error.equals(WorkflowError.RUNTIME)) {
            return false;
        }
        return errorEquals.contains("States.ALL") || errorEquals.contains(TASK_FAILED_ERROR) && !error.equals(TIMEOUT_ERROR);
    }

    /** IntervalSeconds × BackoffRate^count, capped by MaxDelaySeconds, then FULL jitter if asked. */
    Duration delay(Retrier r, int count) {
        double seconds = r.intervalSeconds() * Math.pow(r.backoffRate(), count);
        if (r.maxDelaySeconds().isPresent()) {
            seconds = Math.min(seconds, r.maxDelaySeconds().getAsLong());
        }
        long millis = (long) Math.min(seconds * 1000, Long.MAX_VALUE / 2.0);
        if (r.jitterStrategy() == Retrier.JitterStrategy.FULL) {
            millis = millis <= 0 ? 0 : jitter.nextLong(millis + 1);
        }
        return Duration.ofMillis(millis);
    }

    static WorkflowStore.Timer timer(Run run, Frame f, String id, Instant due, String kind) {
        String payload = Run.JSON.createObjectNode().put("frame", f.key).put("seq", f.enteredSeq).toString();
        return new WorkflowStore.Timer(id, run.execution.id(), due, kind, payload);
    }

    <T extends Number> long resolve(ValueOrPath<T> value, JsonNode input, JsonNode ctx) {
        return switch (value) {
            case ValueOrPath.Fixed<T> fixed -> fixed.value().longValue();
            case ValueOrPath.FromPath<T> path -> seconds(Paths.read(path.path(), input, ctx), path.path());
        };
    }

    static long seconds(JsonNode value, String field) {
        if (!value.isIntegralNumber() || value.asLong() < 0) {
            throw WorkflowError.runtime(field + " must select a whole number of 0 or more, not " + value);
        }
        return value.asLong();
    }

    private static long positive(long value, String field) {
        if (value <= 0) {
            throw WorkflowError.runtime(field + " must be 1 or more, was " + value);
        }
        return value;
    }

    private static Instant timestamp(JsonNode value, String path) {
        try {
            return OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw WorkflowError.runtime("TimestampPath '" + path + "' must select an RFC 3339 timestamp, not " + value);
        }
    }

    private static String text(ValueOrPath<String> v, JsonNode input, JsonNode ctx, String field) {
        return switch (v) {
            case ValueOrPath.Fixed<String> fixed -> fixed.value();
            case ValueOrPath.FromPath<String> path -> {
                JsonNode found = Paths.read(path.path(), input, ctx);
                if (!found.isTextual()) {
                    throw WorkflowError.runtime(field + " '" + path.path() + "' must select a string, not " + found);
                }
                yield found.textValue();
            }
        };
    }
}
