package dev.gust.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.store.Execution;
import dev.gust.store.HistoryEvent;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running execution in memory: its frames, folded from its history event by event ({@link #apply}),
 * the same way live and after a crash. Work on it is posted ({@link #post}) and runs one task at a
 * time on the engine's scheduler, so only one thread at a time touches its state.
 */
final class Run {
    static final ObjectMapper JSON = new ObjectMapper();

    final Execution execution;
    final StateMachine machine;
    final Map<String, Frame> frames = new HashMap<>();
    final Deque<Work> work = new ArrayDeque<>();
    long nextSeq = 1;
    boolean finished;

    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Executor executor;

    Run(Execution execution, StateMachine machine, Executor executor) {
        this.execution = execution;
        this.machine = machine;
        this.executor = executor;
    }

    /** What the engine must do after a fold: each is checked against the frame again before it is done. */
    sealed interface Work {
        /** Enter the start state, unless something was entered already. */
        record Begin() implements Work {
        }

        /** Act on a state that was entered (or whose retry is due). */
        record Act(String frame, long seq) implements Work {
        }

        /** Run the scheduled task of this attempt. */
        record Launch(String frame, long seq, int attempt) implements Work {
        }
    }

    /** Runs {@code task} after the tasks posted before it, never two at once. */
    void post(Runnable task) {
        inbox.add(task);
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drainInbox);
        }
    }

    private void drainInbox() {
        try {
            for (Runnable task = inbox.poll(); task != null; task = inbox.poll()) {
                task.run();
            }
        } finally {
            draining.set(false);
            if (!inbox.isEmpty() && draining.compareAndSet(false, true)) {
                executor.execute(this::drainInbox);
            }
        }
    }

    Frame top() {
        return frames.get("");
    }

    /** Folds one committed event into the frames, noting the work it calls for. */
    void apply(HistoryEvent event) {
        nextSeq = event.seq() + 1;
        JsonNode d = read(event.details());
        Frame f = frames.get(d.path("frame").asText(""));
        switch (event.type()) {
            case EXECUTION_STARTED -> begin();
            case STATE_ENTERED -> entered(f, event, d);
            case TASK_SCHEDULED -> scheduled(f, d);
            case TASK_SUCCEEDED, TASK_FAILED, TASK_TIMED_OUT, STATE_EXITED -> done(f);
            case RETRY_SCHEDULED -> retry(f, d);
            case TIMER_FIRED -> fired(f, d);
            case WAIT_STARTED -> waiting(f, d);
            case MAP_STARTED, PARALLEL_STARTED -> fanned(f, d, event.type() == HistoryEvent.Type.PARALLEL_STARTED);
            case MAP_ITERATION_STARTED, PARALLEL_BRANCH_STARTED -> childStarted(d);
            case MAP_ITERATION_SUCCEEDED, PARALLEL_BRANCH_SUCCEEDED -> childEnded(d, Optional.of(d.path("output")));
            case MAP_ITERATION_FAILED, PARALLEL_BRANCH_FAILED -> childEnded(d, Optional.empty());
            case MAP_SUCCEEDED, MAP_FAILED, PARALLEL_SUCCEEDED, PARALLEL_FAILED -> fanEnded(f);
            case EXECUTION_SUCCEEDED, EXECUTION_FAILED, EXECUTION_TIMED_OUT, EXECUTION_ABORTED -> finished = true;
            default -> {
            }
        }
    }

    private void begin() {
        frames.put("", new Frame("", machine, Optional.empty(), 0));
        work.add(new Work.Begin());
    }

    private void entered(Frame f, HistoryEvent event, JsonNode d) {
        f.enter(event.stateName().orElseThrow(), d.path("input"), event.seq(), event.at());
        work.add(new Work.Act(f.key, f.enteredSeq));
    }

    private void scheduled(Frame f, JsonNode d) {
        f.phase = Frame.Phase.TASK;
        f.attempt = d.path("attempt").asInt();
        f.taskInput = d.path("input");
        f.timeoutSeconds = d.path("timeoutSeconds").asLong();
        f.token = text(d, "token");
        f.heartbeatSeconds = d.has("heartbeatSeconds") ? Optional.of(d.get("heartbeatSeconds").asLong()) : Optional.empty();
        f.timers.add(d.path("timer").asText());
        work.add(new Work.Launch(f.key, f.enteredSeq, f.attempt));
    }

    private void done(Frame f) {
        f.phase = Frame.Phase.DONE;
        f.timers.clear();
        f.token = Optional.empty();
    }

    private void retry(Frame f, JsonNode d) {
        f.phase = Frame.Phase.RETRY;
        f.attempt = d.path("attempt").asInt();
        f.retryCounts.put(d.path("retrier").asInt(), d.path("count").asInt());
        f.timers.add(d.path("timer").asText());
    }

    private void fired(Frame f, JsonNode d) {
        f.timers.remove(d.path("timer").asText());
        if (d.path("kind").asText().equals(Interpreter.RETRY)) {
            f.phase = Frame.Phase.ENTERED;
            work.add(new Work.Act(f.key, f.enteredSeq));
        }
    }

    private void waiting(Frame f, JsonNode d) {
        f.phase = Frame.Phase.WAITING;
        f.timers.add(d.path("timer").asText());
    }

    private void fanned(Frame f, JsonNode d, boolean parallel) {
        f.phase = Frame.Phase.FANNED;
        Optional<Long> count = d.has("toleratedCount") ? Optional.of(d.get("toleratedCount").asLong()) : Optional.empty();
        Optional<Double> pct = d.has("toleratedPercentage")
                ? Optional.of(d.get("toleratedPercentage").asDouble()) : Optional.empty();
        f.fan = new Frame.Fan(parallel, d.path("inputs"), d.path("maxConcurrency").asInt(), count, pct);
    }

    private void childStarted(JsonNode d) {
        Frame parent = frames.get(d.path("parent").asText());
        int index = d.path("index").asInt();
        StateMachine child = switch (parent.current()) {
            case State.Map map -> map.itemProcessor();
            case State.Parallel parallel -> parallel.branches().get(index);
            default -> throw new IllegalStateException("state " + parent.state + " has no children");
        };
        String key = d.path("frame").asText();
        frames.put(key, new Frame(key, child, Optional.of(parent.key), index));
        parent.fan.started++;
    }

    private void childEnded(JsonNode d, Optional<JsonNode> output) {
        Frame parent = frames.get(d.path("parent").asText());
        int index = d.path("index").asInt();
        if (output.isPresent()) {
            parent.fan.results[index] = output.get();
            parent.fan.succeeded++;
        } else {
            parent.fan.results[index] = Step.error(d.path("Error").asText(), d.path("Cause").asText());
            parent.fan.failed++;
        }
        removeTree(d.path("frame").asText());
    }

    private void fanEnded(Frame f) {
        frames.keySet().removeIf(f::encloses);
        f.phase = Frame.Phase.DONE;
    }

    private void removeTree(String key) {
        frames.keySet().removeIf(k -> k.equals(key) || k.startsWith(key + "/"));
    }

    /** @return the context object {@code $$} of a frame's current state */
    ObjectNode context(Frame f) {
        ObjectNode ctx = JsonNodeFactory.instance.objectNode();
        ObjectNode exec = ctx.putObject("Execution");
        exec.put("Id", execution.id()).put("Name", execution.name()).put("StartTime", execution.startedAt().toString());
        exec.set("Input", read(execution.input()));
        ObjectNode state = ctx.putObject("State");
        state.put("Name", f.state).put("EnteredTime", String.valueOf(f.enteredAt)).put("RetryCount", f.attempt);
        ctx.putObject("StateMachine").put("Id", execution.workflow()).put("Name", execution.workflow());
        f.token.ifPresent(t -> ctx.putObject("Task").put("Token", t));
        return ctx;
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> text(JsonNode d, String field) {
        return d.hasNonNull(field) ? Optional.of(d.get(field).asText()) : Optional.empty();
    }
}
