package dev.gust.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.common.Ids;
import dev.gust.events.CloudEvent;
import dev.gust.events.EventRequest;
import dev.gust.events.ParseResult;
import dev.gust.protocol.Frame;
import dev.gust.queue.QueueException;
import dev.gust.queue.Queues;
import dev.gust.queue.SendEntry;
import dev.gust.runtime.CallHandler;
import dev.gust.runtime.ErrorKind;
import dev.gust.runtime.Invocation;
import dev.gust.runtime.InvocationRequest;
import dev.gust.runtime.Invoker;
import dev.gust.runtime.Outcome;
import dev.gust.store.AsyncEvent;
import dev.gust.store.ChildWork;
import dev.gust.store.IdempotencyStore;
import dev.gust.store.Store;
import dev.gust.store.WorkflowStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the calls running functions make through their context: a queue send, an event
 * publish, a synchronous or async invocation, a workflow execution's start. Each carries the
 * caller's correlation id and continues its trace as a child span; each is validated (names, sizes, JSON) with errors naming
 * the field, and recorded as child work of the calling invocation, succeeded or not. Thread-safe.
 */
final class ContextCalls implements CallHandler {
    static final String INVALID_REQUEST = "InvalidRequest";
    static final String TRIGGER = "function";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** Execution names as Step Functions takes them: 1..80 characters, no spaces or control characters. */
    private static final Pattern VALID_EXECUTION_NAME = Pattern.compile("[\\x21-\\x7E]{1,80}");
    private static final Logger LOG = LoggerFactory.getLogger(ContextCalls.class);

    private final Queues queues;
    private final EventBus bus;
    private final AsyncDispatcher dispatcher;
    private final Invoker invoker;
    private final Store store;
    private final InstantSource clock;
    private final WorkflowStarter workflows;

    ContextCalls(Queues queues, EventBus bus, AsyncDispatcher dispatcher, Invoker invoker, Store store,
            InstantSource clock, WorkflowStarter workflows) {
        this.workflows = workflows;
        this.queues = queues;
        this.bus = bus;
        this.dispatcher = dispatcher;
        this.invoker = invoker;
        this.store = store;
        this.clock = clock;
    }

    /** A call refused or failed, with the error type the function sees. */
    static final class Refusal extends RuntimeException {
        private final String errorType;

        Refusal(String errorType, String message) {
            super(message, null, false, false);
            this.errorType = errorType;
        }
    }

    /** What a served call produced: the answer, and the id of what it made (even when the callee failed). */
    private record Done(Reply reply, Optional<String> resultId) {
    }

    @Override
    public Reply handle(Caller caller, String operation, byte[] payload) {
        Optional<ChildWork.Kind> kind = ChildWork.Kind.of(operation);
        if (kind.isEmpty()) {
            return new Reply.Failed(INVALID_REQUEST, "operation: must be one of " + List.of(ChildWork.Kind.values())
                    .stream().map(ChildWork.Kind::label).toList() + ", was " + operation);
        }
        String target = "";
        try {
            CallFields fields = CallFields.parse(operation, payload);
            target = target(kind.get(), fields);
            Done done = serve(kind.get(), fields, caller);
            record(caller, kind.get(), target, done);
            return done.reply();
        } catch (Refusal r) {
            record(caller, kind.get(), target, new Done(new Reply.Failed(r.errorType, r.getMessage()), Optional.empty()));
            return new Reply.Failed(r.errorType, r.getMessage());
        }
    }

    private static String target(ChildWork.Kind kind, CallFields fields) {
        return switch (kind) {
            case QUEUE_SEND -> fields.target("queue");
            case EVENTS_PUBLISH -> (fields.target("source") + " " + fields.target("type")).trim();
            case FUNCTION_INVOKE, FUNCTION_INVOKE_ASYNC -> fields.target("function");
            case WORKFLOW_START -> fields.target("workflow");
        };
    }

    private Done serve(ChildWork.Kind kind, CallFields fields, Caller caller) {
        return switch (kind) {
            case QUEUE_SEND -> id("messageId", send(fields, caller));
            case EVENTS_PUBLISH -> id("eventId", publish(fields, caller));
            case FUNCTION_INVOKE -> invoke(fields, caller);
            case FUNCTION_INVOKE_ASYNC -> id("invocationId", invokeAsync(fields, caller));
            case WORKFLOW_START -> id("executionId", startWorkflow(fields, caller));
        };
    }

    private static Done id(String field, String id) {
        return new Done(new Reply.Ok(json(Map.of(field, id))), Optional.of(id));
    }

    private void record(Caller caller, ChildWork.Kind kind, String target, Done done) {
        var at = clock.instant();
        var child = switch (done.reply()) {
            case Reply.Ok ok -> new ChildWork(caller.invocationId(), kind, target, done.resultId(), at,
                    Optional.empty(), Optional.empty());
            case Reply.Failed f -> new ChildWork(caller.invocationId(), kind, target, done.resultId(), at,
                    Optional.of(f.errorType()), Optional.of(f.message()));
        };
        try {
            store.childWork().record(child);
        } catch (RuntimeException e) {
            // the call itself is done; losing its trace in the record must not fail it
            LOG.warn("child work of invocation {} not recorded: {}", caller.invocationId(), e.toString());
        }
    }

    private String send(CallFields f, Caller caller) {
        String queue = f.text("queue");
        var entry = new SendEntry("0", f.text("body"), f.attributes("attributes"), f.millis("delayMillis"),
                f.optionalText("groupId"), f.optionalText("deduplicationId"), Optional.empty(), Optional.empty())
                .tracedBy(caller.trace().child().traceparent(), caller.correlationId());
        try {
            return queues.send(queue, entry);
        } catch (QueueException e) {
            throw new Refusal(queueErrorType(e.kind()), Frame.Call.QUEUE_SEND + ": " + e.getMessage());
        }
    }

    private static String queueErrorType(QueueException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> "QueueDoesNotExist";
            case TOO_LARGE -> "PayloadTooLarge";
            case CONFLICT -> "Conflict";
            case INVALID -> INVALID_REQUEST;
        };
    }

    private String publish(CallFields f, Caller caller) {
        ObjectNode event = HttpIo.JSON.createObjectNode();
        event.put("specversion", CloudEvent.SPEC_VERSION);
        event.put("id", Ids.timeOrdered(clock));
        event.put("source", f.text("source"));
        event.put("type", f.text("type"));
        f.optionalText("subject").ifPresent(s -> event.put("subject", s));
        f.optionalJson("data").ifPresent(d -> event.put("datacontenttype", "application/json").set("data", d));
        event.put("traceparent", caller.trace().child().traceparent());
        event.put("correlationid", caller.correlationId());
        List<CloudEvent> parsed = switch (bus.codec().parse(EventRequest.of("application/cloudevents+json", json(event)))) {
            case ParseResult.Accepted ok -> ok.events();
            case ParseResult.Rejected bad -> throw new Refusal(bad.httpStatus() == 413 ? "PayloadTooLarge"
                    : INVALID_REQUEST, Frame.Call.EVENTS_PUBLISH + ": " + bad.problems().stream().map(Object::toString)
                    .collect(Collectors.joining("; ")));
        };
        bus.accept(parsed, Optional.empty(), Optional.empty());
        return parsed.getFirst().id();
    }

    private Done invoke(CallFields f, Caller caller) {
        String function = existing(f.text("function"));
        byte[] input = input(f, InvocationsApi.MAX_PAYLOAD);
        String id = Ids.timeOrdered(clock);
        Invocation inv = invoker.invoke(new InvocationRequest(id, function, input, TRIGGER, caller.trace().child(),
                caller.correlationId()));
        Reply reply = switch (inv.outcome()) {
            case Outcome.Success s -> new Reply.Ok(s.payload());
            case Outcome.Failure x -> new Reply.Failed(errorType(x), function + " failed (invocation " + id + "): "
                    + x.message());
        };
        return new Done(reply, Optional.of(id));
    }

    private static String errorType(Outcome.Failure f) {
        return switch (f.kind()) {
            case THROTTLED -> "TooManyRequests";
            case NOT_FOUND -> "FunctionNotFound";
            default -> f.errorType().isEmpty() ? ErrorKind.FUNCTION_ERROR.errorType() : f.errorType();
        };
    }

    private String invokeAsync(CallFields f, Caller caller) {
        String function = existing(f.text("function"));
        byte[] input = input(f, InvocationsApi.MAX_ASYNC_PAYLOAD);
        Optional<String> key = f.optionalText("idempotencyKey").map(ContextCalls::validKey);
        String id = Ids.timeOrdered(clock);
        var event = AsyncEvent.accepted(id, function, new String(input, StandardCharsets.UTF_8),
                caller.trace().child().traceparent(), caller.correlationId(), clock.instant());
        return key.isEmpty() ? accept(event) : acceptOnce(event, key.get());
    }

    private String accept(AsyncEvent event) {
        dispatcher.accept(event);
        return event.id();
    }

    /** The same claims as the API's {@code Idempotency-Key}: one key space per function. */
    private String acceptOnce(AsyncEvent event, String key) {
        var claims = store.idempotency();
        return switch (claims.claim(event.function(), key, event.id(), clock.instant(),
                InvocationsApi.IDEMPOTENCY_WINDOW)) {
            case IdempotencyStore.Claim.Done d -> d.response().invocationId();
            case IdempotencyStore.Claim.Running r -> throw new Refusal("Conflict", Frame.Call.FUNCTION_INVOKE_ASYNC
                    + ": a request with idempotencyKey " + key + " for " + event.function()
                    + " is still running (invocation " + r.invocationId() + "); repeat it once that one has finished");
            case IdempotencyStore.Claim.Claimed c -> claimed(event, key);
        };
    }

    private String claimed(AsyncEvent event, String key) {
        try {
            accept(event);
        } catch (RuntimeException e) {
            store.idempotency().release(event.function(), key);
            throw e;
        }
        store.idempotency().complete(event.function(), key, new IdempotencyStore.StoredResponse(event.id(), 202,
                "application/json", json(Map.of("invocationId", event.id())), Map.of("Gust-Invocation-Id", event.id())));
        return event.id();
    }

    private static String validKey(String key) {
        if (!VALID_KEY.matcher(key).matches()) {
            throw CallFields.invalid(Frame.Call.FUNCTION_INVOKE_ASYNC + ": idempotencyKey: must be 1..255 printable"
                    + " ASCII characters, was " + (key.length() > 40 ? key.substring(0, 40) + "..." : key));
        }
        return key;
    }

    /** A repeat with the same name and input gets the first execution, as the admin API's start does. */
    private String startWorkflow(CallFields f, Caller caller) {
        String workflow = f.text("workflow");
        String input = new String(input(f, InvocationsApi.MAX_ASYNC_PAYLOAD), StandardCharsets.UTF_8);
        Optional<String> name = f.optionalText("name").map(ContextCalls::validExecutionName);
        return switch (workflows.start(workflow, name, input, caller.trace().child().traceparent(),
                caller.correlationId())) {
            case WorkflowStore.Start.Started s -> s.execution().id();
            case WorkflowStore.Start.Existing s -> s.execution().id();
            case WorkflowStore.Start.NameConflict c -> throw new Refusal("ExecutionAlreadyExists", Frame.Call
                    .WORKFLOW_START + ": execution " + c.existing().id() + " of " + workflow + " is named "
                    + c.existing().name() + " and has another input; choose another name");
            case WorkflowStore.Start.UnknownWorkflow u -> throw new Refusal("WorkflowNotFound",
                    "no workflow named " + workflow + " on this node");
        };
    }

    private static String validExecutionName(String name) {
        if (!VALID_EXECUTION_NAME.matcher(name).matches()) {
            throw CallFields.invalid(Frame.Call.WORKFLOW_START + ": name: must be 1..80 printable ASCII characters"
                    + " without spaces, was " + (name.length() > 40 ? name.substring(0, 40) + "..." : name));
        }
        return name;
    }

    private String existing(String function) {
        if (store.functions().current(function).isEmpty()) {
            throw new Refusal("FunctionNotFound", "no function named " + function + " on this node");
        }
        return function;
    }

    private static byte[] input(CallFields f, long limit) {
        JsonNode input = f.json("input");
        byte[] bytes = json(input);
        if (bytes.length > limit) {
            throw new Refusal("PayloadTooLarge", "input: is " + bytes.length + " bytes as JSON; at most " + limit
                    + " are allowed");
        }
        return bytes;
    }

    private static byte[] json(Object value) {
        try {
            return HttpIo.JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("unserialisable value", e);
        }
    }
}
