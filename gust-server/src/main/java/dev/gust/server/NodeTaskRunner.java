package dev.gust.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.common.Ids;
import dev.gust.common.TraceContext;
import dev.gust.events.CloudEvent;
import dev.gust.queue.QueueException;
import dev.gust.queue.Queues;
import dev.gust.queue.SendEntry;
import dev.gust.runtime.ErrorKind;
import dev.gust.runtime.Invocation;
import dev.gust.runtime.InvocationRequest;
import dev.gust.runtime.Invoker;
import dev.gust.runtime.Outcome;
import dev.gust.store.AsyncEvent;
import dev.gust.store.Execution;
import dev.gust.store.IdempotencyStore;
import dev.gust.store.IdempotencyStore.StoredResponse;
import dev.gust.store.Store;
import dev.gust.store.WorkflowStore;
import dev.gust.workflow.TaskResource;
import dev.gust.workflow.TaskRunner;
import dev.gust.workflow.WorkflowEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The node's side of a Task state: invokes functions, sends to queues, publishes events and starts
 * nested workflows. Each call's idempotency key is claimed in the store the way an
 * {@code Idempotency-Key} of the admin API is, so a task repeated after a crash replays the first
 * result instead of running twice.
 *
 * <p>Thread-safe. {@link #run} never blocks its caller: the work runs on a virtual thread, and a
 * {@code .sync} nested workflow completes when the engine finishes the child.
 */
final class NodeTaskRunner implements TaskRunner, AutoCloseable {
    static final String TRIGGER = "workflow";
    /** How often a {@code .sync} task looks at its child execution, and a claimed key at its holder. */
    static final Duration POLL = Duration.ofMillis(200);
    private final Invoker invoker;
    private final Store store;
    private final Queues queues;
    private final EventBus bus;
    private final AsyncDispatcher dispatcher;
    private final InstantSource clock;
    private final ScheduledExecutorService scheduler;
    private final AtomicReference<WorkflowEngine> engine = new AtomicReference<>();
    private volatile boolean closed;

    NodeTaskRunner(Invoker invoker, Store store, Queues queues, EventBus bus, AsyncDispatcher dispatcher,
            InstantSource clock, ScheduledExecutorService scheduler) {
        this.invoker = invoker;
        this.store = store;
        this.queues = queues;
        this.bus = bus;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** Binds the engine nested workflows start on; the engine needs this runner first. */
    void engine(WorkflowEngine workflows) {
        engine.set(workflows);
    }

    @Override
    public CompletableFuture<JsonNode> run(TaskCall call) {
        var result = new CompletableFuture<JsonNode>();
        Thread.ofVirtual().name("gust-task-" + call.stateName()).start(() -> runOn(call, result));
        return result;
    }

    private void runOn(TaskCall call, CompletableFuture<JsonNode> result) {
        try {
            dispatch(call, result);
        } catch (StillRunning e) {
            later(() -> runOn(call, result), result);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private void dispatch(TaskCall call, CompletableFuture<JsonNode> result) {
        switch (call.resource()) {
            case TaskResource.Function f when f.waitForTaskToken() -> result.complete(invokeAsync(call, f.name()));
            case TaskResource.Function f -> invoke(call, f.name(), result);
            case TaskResource.Queue q -> result.complete(once(call, "gust:queue:" + q.name(), () -> send(call, q)));
            case TaskResource.Events e -> result.complete(once(call, "gust:events", () -> publish(call)));
            case TaskResource.Workflow w -> startChild(call, w, result);
        }
    }

    /** The first run of a key is still going (or was cut short by a crash and not yet abandoned): look again later. */
    private static final class StillRunning extends RuntimeException {
        StillRunning() {
            super(null, null, false, false);
        }
    }

    // --- functions

    private void invoke(TaskCall call, String function, CompletableFuture<JsonNode> result) {
        String id = Ids.timeOrdered(clock);
        switch (claim(function, call.idempotencyKey(), id)) {
            case IdempotencyStore.Claim.Done d -> settle(d.response(), result);
            case IdempotencyStore.Claim.Running r -> throw new StillRunning();
            case IdempotencyStore.Claim.Claimed c -> settle(firstInvoke(call, function, id), result);
        }
    }

    private StoredResponse firstInvoke(TaskCall call, String function, String id) {
        try {
            StoredResponse reply = invokeNow(call, function, id);
            // a draining node (503) did not run the function: the node that resumes the attempt must
            if (reply.status() != ErrorKind.UNAVAILABLE.httpStatus()
                    && reply.body().length <= IdempotencyStore.MAX_BODY_BYTES) {
                store.idempotency().complete(function, call.idempotencyKey(), reply);
            } else {
                store.idempotency().release(function, call.idempotencyKey());
            }
            return reply;
        } catch (RuntimeException e) {
            store.idempotency().release(function, call.idempotencyKey());
            throw e;
        }
    }

    private StoredResponse invokeNow(TaskCall call, String function, String id) {
        Invocation inv = invoker.invoke(new InvocationRequest(id, function, json(call.input()), TRIGGER,
                trace(call), call.correlationId()));
        return switch (inv.outcome()) {
            case Outcome.Success s -> new StoredResponse(id, 200, "application/json", s.payload(), Map.of());
            case Outcome.Failure f -> new StoredResponse(id, f.kind().httpStatus(), "application/json",
                    json(Map.of("type", errorName(f), "message", f.message())), Map.of());
        };
    }

    /** A function timeout is {@code States.Timeout}, as Retry and Catch expect; any other failure keeps its type. */
    private static String errorName(Outcome.Failure f) {
        return f.kind() == ErrorKind.TIMEOUT ? "States.Timeout"
                : f.errorType().isEmpty() ? ErrorKind.FUNCTION_ERROR.errorType() : f.errorType();
    }

    private void settle(StoredResponse reply, CompletableFuture<JsonNode> result) {
        JsonNode body = tree(reply.body());
        if (reply.status() == 200) {
            result.complete(body);
        } else {
            result.completeExceptionally(new TaskFailure(body.path("type").asText("States.TaskFailed"),
                    body.path("message").asText("the function failed (invocation " + reply.invocationId() + ")")));
        }
    }

    /** {@code .waitForTaskToken}: an async invocation whose input carries the token; the token completes the task. */
    private JsonNode invokeAsync(TaskCall call, String function) {
        if (store.functions().current(function).isEmpty()) {
            throw new TaskFailure("FunctionNotFound", "no function named " + function + " on this node");
        }
        return once(call, function, () -> {
            String id = Ids.timeOrdered(clock);
            dispatcher.accept(AsyncEvent.accepted(id, function, new String(json(call.input()), StandardCharsets.UTF_8),
                    trace(call).traceparent(), call.correlationId(), clock.instant()));
            return object().put("InvocationId", id);
        });
    }

    // --- queues and events

    private JsonNode send(TaskCall call, TaskResource.Queue q) {
        String body = call.input().isTextual() ? call.input().asText() : call.input().toString();
        var entry = new SendEntry("0", body, Map.of(), Optional.empty())
                .tracedBy(trace(call).traceparent(), call.correlationId());
        if (q.name().endsWith(".fifo")) {
            // one execution's messages stay in order; a repeated attempt is deduplicated by its key
            entry = entry.inGroup(call.executionId(), Optional.of(sha256(call.idempotencyKey())));
        }
        try {
            SendEntry.Sent sent = queues.sendMessage(q.name(), entry);
            ObjectNode out = object().put("MessageId", sent.messageId());
            sent.sequenceNumber().ifPresent(n -> out.put("SequenceNumber", n));
            return out;
        } catch (QueueException e) {
            throw new TaskFailure(e.kind() == QueueException.Kind.NOT_FOUND ? "QueueDoesNotExist" : "QueueSendFailed",
                    e.getMessage());
        }
    }

    /** Input {@code {source?, type, subject?, data?}}: a CloudEvent the bus routes like any published one. */
    private JsonNode publish(TaskCall call) {
        JsonNode in = call.input();
        if (!in.isObject() || !in.path("type").isTextual()) {
            throw new TaskFailure("EventRejected", "the input of a gust:events task must be an object"
                    + " {source?, type, subject?, data?} with type a string; was " + abbreviate(in.toString()));
        }
        String id = Ids.timeOrdered(clock);
        ObjectNode event = object().put("specversion", CloudEvent.SPEC_VERSION).put("id", id)
                .put("source", in.path("source").asText("gust.workflows")).put("type", in.get("type").asText());
        if (in.path("subject").isTextual()) {
            event.put("subject", in.get("subject").asText());
        }
        if (in.has("data")) {
            event.put("datacontenttype", "application/json").set("data", in.get("data"));
        }
        event.put("traceparent", trace(call).traceparent()).put("correlationid", call.correlationId());
        bus.publish(event.toString(), trace(call).traceparent(), call.correlationId()).ifPresent(problem -> {
            throw new TaskFailure("EventRejected", problem);
        });
        return object().put("EventId", id);
    }

    /**
     * Runs {@code work} once per idempotency key of {@code scope}: a repeat gets the first result.
     * A key whose first run is still going (or was cut short by a crash) is waited for until the
     * store calls it abandoned.
     */
    private JsonNode once(TaskCall call, String scope, Supplier<JsonNode> work) {
        String key = call.idempotencyKey();
        var claim = claim(scope, key, Ids.timeOrdered(clock));
        if (claim instanceof IdempotencyStore.Claim.Done d) {
            return tree(d.response().body());
        }
        if (claim instanceof IdempotencyStore.Claim.Running) {
            throw new StillRunning();
        }
        JsonNode out;
        try {
            out = work.get();
        } catch (RuntimeException e) {
            store.idempotency().release(scope, key);
            throw e;
        }
        store.idempotency().complete(scope, key, new StoredResponse(out.path("InvocationId").asText(""), 200,
                "application/json", json(out), Map.of()));
        return out;
    }

    private IdempotencyStore.Claim claim(String scope, String key, String id) {
        return store.idempotency().claim(scope, key, id, clock.instant(), InvocationsApi.IDEMPOTENCY_WINDOW);
    }

    // --- nested workflows

    private void startChild(TaskCall call, TaskResource.Workflow w, CompletableFuture<JsonNode> result) {
        WorkflowEngine workflows = engine.get();
        if (workflows == null) {
            throw new TaskFailure("States.TaskFailed", "the node's workflow engine is not running");
        }
        var start = workflows.start(w.name(), Optional.of(sha256(call.idempotencyKey())), call.input().toString(),
                trace(call).traceparent(), call.correlationId(), Optional.of(call.executionId()));
        Execution child = switch (start) {
            case WorkflowStore.Start.Started s -> s.execution();
            case WorkflowStore.Start.Existing e -> e.execution();
            case WorkflowStore.Start.NameConflict c -> c.existing(); // one key, one input: not expected, but it is the child
            case WorkflowStore.Start.UnknownWorkflow u -> throw new TaskFailure("WorkflowNotFound",
                    "no workflow named " + u.workflow() + " on this node");
        };
        if (!w.sync()) {
            result.complete(object().put("ExecutionId", child.id()).put("StartDate", child.startedAt().toString()));
            return;
        }
        // the engine completes this when it finishes the child, also after a restart (it resumes the child)
        workflows.finished(child.id()).whenComplete((done, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                finished(done, result);
            }
        });
    }

    private static void finished(Execution child, CompletableFuture<JsonNode> result) {
        if (child.status() == Execution.Status.SUCCEEDED) {
            result.complete(tree(child.output().orElse("null").getBytes(StandardCharsets.UTF_8)));
            return;
        }
        String error = child.status() == Execution.Status.FAILED ? child.error().orElse("States.TaskFailed")
                : "States.TaskFailed";
        result.completeExceptionally(new TaskFailure(error, "nested execution " + child.id() + " "
                + child.status() + ": " + child.error().orElse("") + " " + child.cause().orElse("")));
    }

    private void later(Runnable again, CompletableFuture<JsonNode> result) {
        if (closed || result.isDone()) {
            result.cancel(false);
            return;
        }
        scheduler.schedule(() -> Thread.ofVirtual().start(again), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
    }

    // --- helpers

    private static TraceContext trace(TaskCall call) {
        return TraceContext.continueFrom(Optional.ofNullable(call.traceparent()));
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static byte[] json(Object value) {
        try {
            return HttpIo.JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("unserialisable value", e);
        }
    }

    private static JsonNode tree(byte[] body) {
        try {
            return HttpIo.JSON.readTree(body);
        } catch (IOException e) {
            // a function may answer with text that is not JSON: the task's result is that text
            return JsonNodeFactory.instance.textNode(new String(body, StandardCharsets.UTF_8));
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
