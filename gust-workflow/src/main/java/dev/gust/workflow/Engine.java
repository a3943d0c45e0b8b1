package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.gust.store.Execution;
import dev.gust.store.HistoryEvent;
import dev.gust.store.TaskToken;
import dev.gust.store.WorkflowStore;
import dev.gust.store.WorkflowStore.Append;
import dev.gust.store.WorkflowStore.Checkpoint;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine: keeps a {@link Run} per running execution, commits the {@link Interpreter}'s steps, runs
 * tasks and polls due timers. Every change of an execution is made on its own thread (its run's
 * {@link Run#post} queue); the in-memory frames are only ever the fold of the committed history.
 */
final class Engine implements WorkflowEngine {
    static final Duration POLL = Duration.ofMillis(50);
    static final Duration LEASE = Duration.ofMinutes(1);
    static final int PAGE = 500;
    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    private final WorkflowStore store;
    private final TaskRunner tasks;
    private final InstantSource clock;
    private final ScheduledExecutorService scheduler;
    private final Interpreter interpreter;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final Set<String> launched = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> heartbeats = new ConcurrentHashMap<>();
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile boolean closed;
    private volatile ScheduledFuture<?> poller;

    Engine(WorkflowStore store, TaskRunner tasks, InstantSource clock, ScheduledExecutorService scheduler,
            Interpreter interpreter) {
        this.store = store;
        this.tasks = tasks;
        this.clock = clock;
        this.scheduler = scheduler;
        this.interpreter = interpreter;
    }

    @Override
    public WorkflowStore.Start start(String workflow, Optional<String> name, String inputJson, String traceparent,
            String correlationId) {
        requireJson(inputJson, "inputJson");
        String id = UUID.randomUUID().toString();
        var request = new WorkflowStore.StartRequest(id, workflow, name.orElse(id), inputJson, clock.instant(),
                traceparent, correlationId, Optional.empty());
        WorkflowStore.Start start = store.start(request);
        if (start instanceof WorkflowStore.Start.Started started) {
            resume(started.execution().id());
        }
        return start;
    }

    @Override
    public boolean stop(String executionId, String error, String cause) {
        boolean stopped = store.finish(executionId,
                Execution.Finish.failed(Execution.Status.ABORTED, error, cause, clock.instant()));
        runs.remove(executionId);
        return stopped;
    }

    @Override
    public WorkflowStore.TokenResult sendTaskSuccess(String token, String outputJson) {
        requireJson(outputJson, "outputJson");
        return kicking(store.completeToken(token, new TaskToken.Outcome.Success(outputJson), clock.instant()));
    }

    @Override
    public WorkflowStore.TokenResult sendTaskFailure(String token, String error, String cause) {
        return kicking(store.completeToken(token, new TaskToken.Outcome.Failure(error, cause), clock.instant()));
    }

    @Override
    public WorkflowStore.TokenResult sendTaskHeartbeat(String token) {
        Optional<TaskToken> found = store.token(token);
        if (found.isEmpty()) {
            return new WorkflowStore.TokenResult.NotFound(token);
        }
        Long seconds = heartbeats.get(token);
        if (seconds == null) { // no HeartbeatSeconds: nothing to move
            TaskToken t = found.get();
            return t.isOpen() ? new WorkflowStore.TokenResult.Accepted(t) : new WorkflowStore.TokenResult.AlreadyCompleted(t);
        }
        return store.heartbeat(token, clock.instant().plusSeconds(seconds));
    }

    @Override
    public void start() {
        Optional<String> after = Optional.empty();
        for (List<String> page = store.running(after, PAGE); !page.isEmpty(); page = store.running(after, PAGE)) {
            page.forEach(this::resume);
            after = Optional.of(page.getLast());
        }
        poller = scheduler.scheduleWithFixedDelay(this::poll, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> p = poller;
        if (p != null) {
            p.cancel(false);
        }
        runs.clear();
    }

    private void resume(String executionId) {
        run(executionId).ifPresent(run -> run.post(() -> guarded(run, () -> drain(run))));
    }

    private Optional<Run> run(String executionId) {
        return Optional.ofNullable(runs.computeIfAbsent(executionId, this::load));
    }

    private Run load(String executionId) {
        Execution execution = store.execution(executionId).filter(e -> !e.status().isFinal()).orElse(null);
        if (execution == null || closed) {
            return null;
        }
        Optional<StateMachine> machine = store.definition(execution.revision()).map(Definitions::parse)
                .filter(Definitions.Accepted.class::isInstance).map(r -> ((Definitions.Accepted) r).machine());
        if (machine.isEmpty()) {
            store.finish(executionId, Execution.Finish.failed(Execution.Status.FAILED, WorkflowError.RUNTIME,
                    "the definition revision " + execution.revision() + " is missing or invalid", clock.instant()));
            return null;
        }
        Run run = new Run(execution, machine.get(), scheduler);
        fold(run);
        return run;
    }

    private void fold(Run run) {
        long after = 0;
        for (List<HistoryEvent> page = store.history(run.execution.id(), after, PAGE); !page.isEmpty();
                page = store.history(run.execution.id(), after, PAGE)) {
            page.forEach(run::apply);
            after = page.getLast().seq();
        }
    }

    /** Does the work the history calls for until there is none: enter, act, launch tasks. */
    private void drain(Run run) {
        while (!run.work.isEmpty() && !run.finished && !closed) {
            switch (run.work.poll()) {
                case Run.Work.Begin b -> commit(run, interpreter.begin(run));
                case Run.Work.Act a -> frame(run, a.frame(), a.seq(), Frame.Phase.ENTERED)
                        .ifPresent(f -> commit(run, interpreter.act(run, f)));
                case Run.Work.Launch l -> frame(run, l.frame(), l.seq(), Frame.Phase.TASK)
                        .filter(f -> f.attempt == l.attempt()).ifPresent(f -> launch(run, f));
            }
        }
        if (run.finished) {
            runs.remove(run.execution.id(), run);
        }
    }

    private static Optional<Frame> frame(Run run, String key, long seq, Frame.Phase phase) {
        return Optional.ofNullable(run.frames.get(key)).filter(f -> f.enteredSeq == seq && f.phase == phase);
    }

    private void commit(Run run, Step step) {
        if (step.isEmpty()) {
            return;
        }
        Checkpoint checkpoint = step.checkpoint();
        switch (store.append(run.execution.id(), run.nextSeq, checkpoint)) {
            case Append.Appended appended -> applied(run, checkpoint, appended.nextSeq());
            case Append.Conflict conflict -> reload(run);
            case Append.NotRunning notRunning -> run.finished = true;
        }
    }

    private void applied(Run run, Checkpoint checkpoint, long nextSeq) {
        long seq = run.nextSeq;
        for (HistoryEvent.Draft d : checkpoint.events()) {
            run.apply(new HistoryEvent(run.execution.id(), seq++, d.type(), d.at(), d.stateName(), d.details()));
        }
        run.nextSeq = nextSeq;
        run.finished |= checkpoint.finish().isPresent();
        Instant now = clock.instant();
        if (checkpoint.addTimers().stream().anyMatch(t -> !t.dueAt().isAfter(now))) {
            kick();
        }
    }

    /** Someone else moved the execution: forget what we thought and fold its history again. */
    private void reload(Run run) {
        run.frames.clear();
        run.work.clear();
        run.finished = false;
        run.nextSeq = 1;
        fold(run);
        if (store.execution(run.execution.id()).map(e -> e.status().isFinal()).orElse(true)) {
            run.finished = true;
        }
    }

    private void launch(Run run, Frame f) {
        String key = run.execution.id() + "/" + f.visit();
        if (!launched.add(key)) {
            return; // already in flight in this process
        }
        State.Task task = (State.Task) f.current();
        f.heartbeatSeconds.ifPresent(s -> f.token.ifPresent(t -> heartbeats.put(t, s)));
        var call = new TaskRunner.TaskCall(task.resource(), f.taskInput, key, f.token, Duration.ofSeconds(f.timeoutSeconds),
                run.execution.traceparent(), run.execution.correlationId(), run.execution.id(), f.state);
        CompletableFuture<JsonNode> future;
        try {
            future = tasks.run(call);
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        String frame = f.key;
        long seq = f.enteredSeq;
        int attempt = f.attempt;
        future.whenComplete((result, error) -> run.post(() -> guarded(run, () -> {
            launched.remove(key);
            taskDone(run, frame, seq, attempt, result, error);
            drain(run);
        })));
    }

    private void taskDone(Run run, String key, long seq, int attempt, JsonNode result, Throwable error) {
        Optional<Frame> frame = frame(run, key, seq, Frame.Phase.TASK).filter(f -> f.attempt == attempt);
        if (frame.isEmpty() || run.finished || closed) {
            return; // timed out, stopped or moved on meanwhile
        }
        Frame f = frame.get();
        if (error != null) {
            Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            commit(run, e instanceof TaskRunner.TaskFailure failure
                    ? interpreter.taskFailed(run, f, failure.error(), failure.cause())
                    : interpreter.taskFailed(run, f, Interpreter.TASK_FAILED_ERROR, String.valueOf(e.getMessage())));
        } else if (f.token.isEmpty()) {
            commit(run, interpreter.taskSucceeded(run, f, result == null ? NullNode.getInstance() : result));
        }
    }

    private void poll() {
        if (closed || !polling.compareAndSet(false, true)) {
            return;
        }
        try {
            Instant now = clock.instant();
            for (TaskToken t : store.expiredTokens(now, PAGE)) {
                store.completeToken(t.token(), new TaskToken.Outcome.Failure(Interpreter.HEARTBEAT_TIMEOUT,
                        "no heartbeat came before " + t.heartbeatDeadline().orElse(now)), now);
            }
            store.leaseDue(clock.instant(), LEASE, PAGE).forEach(this::dispatch);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "workflow timers could not be polled; trying again", e);
        } finally {
            polling.set(false);
        }
    }

    private void dispatch(WorkflowStore.Timer timer) {
        Optional<Run> run = run(timer.executionId());
        if (run.isEmpty()) {
            store.delete(timer.id());
            return;
        }
        run.get().post(() -> guarded(run.get(), () -> {
            fire(run.get(), timer);
            drain(run.get());
        }));
    }

    private void fire(Run run, WorkflowStore.Timer timer) {
        if (run.finished || closed) {
            return;
        }
        Optional<Step> step = timer.kind().equals(WorkflowStore.TOKEN_COMPLETED)
                ? tokenCompleted(run, timer.payload()) : interpreter.timer(run, timer);
        if (step.isEmpty()) {
            store.delete(timer.id());
            return;
        }
        step.get().removeTimers(List.of(timer.id()));
        commit(run, step.get());
    }

    private Optional<Step> tokenCompleted(Run run, String token) {
        heartbeats.remove(token);
        Optional<TaskToken.Outcome> outcome = store.token(token).flatMap(TaskToken::outcome);
        Optional<Frame> frame = run.frames.values().stream()
                .filter(f -> f.phase == Frame.Phase.TASK && f.token.equals(Optional.of(token))).findFirst();
        if (outcome.isEmpty() || frame.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(switch (outcome.get()) {
            case TaskToken.Outcome.Success s -> interpreter.taskSucceeded(run, frame.get(), Run.read(s.output()));
            case TaskToken.Outcome.Failure f -> interpreter.taskFailed(run, frame.get(), f.error(), f.cause());
        });
    }

    /** A bug must not leave an execution silently stuck: fail it, saying why. */
    private void guarded(Run run, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "execution " + run.execution.id() + " failed in the engine", e);
            run.finished = true;
            runs.remove(run.execution.id(), run);
            store.finish(run.execution.id(), Execution.Finish.failed(Execution.Status.FAILED, WorkflowError.RUNTIME,
                    "the engine failed: " + e, clock.instant()));
        }
    }

    private WorkflowStore.TokenResult kicking(WorkflowStore.TokenResult result) {
        kick();
        return result;
    }

    private void kick() {
        if (!closed) {
            scheduler.execute(this::poll);
        }
    }

    private static void requireJson(String json, String field) {
        try {
            Run.JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(field + " must be JSON text: " + e.getMessage());
        }
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException(field + " must be JSON text, was blank");
        }
    }
}
