package dev.gust.server;

import dev.gust.common.Ids;
import dev.gust.common.TraceContext;
import dev.gust.runtime.Invocation;
import dev.gust.runtime.InvocationRequest;
import dev.gust.runtime.Invoker;
import dev.gust.runtime.Outcome;
import dev.gust.store.AsyncEvent;
import dev.gust.store.AsyncInvocationStore;
import dev.gust.store.FunctionSpec;
import dev.gust.store.FunctionStore;
import dev.gust.store.WorkflowStore;
import dev.gust.queue.QueueException;
import dev.gust.queue.Queues;
import dev.gust.queue.SendEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs async deliveries: leases due events from the store and delivers each by its target's
 * kind. A function is invoked through the same {@link Invoker} as every other trigger
 * ({@code event}); a queue is sent the payload as a message; the bus publishes the payload, a
 * structured CloudEvent. A failed attempt (function error, timeout, crash, throttle; an unknown or
 * full queue; an event the bus refuses) is retried after an exponential backoff with full jitter
 * until {@code max-retries} or {@code max-event-age} runs out (a function's own settings, the
 * defaults for queues and the bus); a function's result then goes to its {@code on-success} or
 * {@code on-failure} destination as a new async event. Due times come from the injected clock;
 * the store is polled on the scheduler and woken at once when an event is accepted. Thread-safe.
 */
final class AsyncDispatcher implements AutoCloseable {
    static final Duration BASE_DELAY = Duration.ofMinutes(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    /** Longer than the longest timeout plus a cold start: a lease that runs out means the node died. */
    static final Duration LEASE = Duration.ofMinutes(20);
    static final Duration POLL_EVERY = Duration.ofMillis(200);
    static final int MAX_RUNNING = 64;
    private static final String FIFO = ".fifo";
    private static final Logger LOG = LoggerFactory.getLogger(AsyncDispatcher.class);

    private final AsyncInvocationStore events;
    private final FunctionStore functions;
    private final Invoker invoker;
    private final Queues queues;
    private final AtomicReference<Bus> bus = new AtomicReference<>(
            (event, trace, correlation) -> Optional.of("BusUnavailable: the event bus is not running"));
    private final AtomicReference<WorkflowStarter> workflows = new AtomicReference<>(WorkflowStarter.NONE);
    private final InstantSource clock;
    private final RandomGenerator random;
    private final LeasedWork<AsyncEvent> work;

    /** Where events of kind {@code BUS} are published; the bus itself needs this dispatcher, so it is set later. */
    @FunctionalInterface
    interface Bus {
        /**
         * Publishes one structured CloudEvent, committing its deliveries.
         *
         * @return why the bus refused it, or empty when it was accepted
         */
        Optional<String> publish(String structuredEvent, String traceparent, String correlationId);
    }

    AsyncDispatcher(AsyncInvocationStore events, FunctionStore functions, Invoker invoker, Queues queues,
            InstantSource clock, ScheduledExecutorService scheduler, RandomGenerator random) {
        this.events = events;
        this.functions = functions;
        this.invoker = invoker;
        this.queues = queues;
        this.clock = clock;
        this.random = random;
        this.work = new LeasedWork<>("async", MAX_RUNNING, scheduler,
                free -> events.lease(clock.instant(), LEASE, free), this::run,
                e -> "delivery " + e.id() + " to " + describe(e) + ", attempt " + e.attempts());
    }

    /** Connects the bus; call before {@link #start()}. */
    void publishTo(Bus bus) {
        this.bus.set(bus);
    }

    /** Connects the workflow engine; call before {@link #start()}. */
    void startWorkflowsWith(WorkflowStarter starter) {
        this.workflows.set(starter);
    }

    private static String describe(AsyncEvent e) {
        return e.kind().label() + " " + e.function();
    }

    /** Starts polling for due events. */
    void start() {
        work.start(POLL_EVERY);
    }

    /** Commits a new event and wakes the dispatcher; returns once the event is durable. */
    void accept(AsyncEvent event) {
        events.enqueue(event);
        wake();
    }

    /** Looks for due events now rather than at the next poll. */
    void wake() {
        work.wake();
    }

    private void run(AsyncEvent e) {
        if (e.kind() == AsyncEvent.Kind.FUNCTION) {
            invoke(e);
        } else {
            deliver(e);
        }
    }

    /** A queue, the bus or a workflow: one attempt with the default retries and age, and no destinations. */
    private void deliver(AsyncEvent e) {
        FunctionSpec.Async settings = FunctionSpec.Async.DEFAULT;
        if (expired(e, settings, clock.instant())) {
            giveUp(e, settings, AsyncEvent.Status.EXPIRED, e.lastError().orElse("no attempt finished in time"),
                    Optional.empty());
            return;
        }
        Optional<String> error = switch (e.kind()) {
            case QUEUE -> sendToQueue(e);
            case WORKFLOW -> startWorkflow(e);
            default -> publish(e);
        };
        if (error.isEmpty()) {
            events.finish(e.id(), AsyncEvent.Status.SUCCEEDED, Optional.empty(), Optional.empty());
        } else {
            failed(e, settings, error.get(), Optional.empty());
        }
    }

    /** A FIFO queue gets the event's group and its id as deduplication id, so a redelivery after a crash is dropped. */
    private Optional<String> sendToQueue(AsyncEvent e) {
        var entry = new SendEntry(e.id(), e.payload(), Map.of(), Optional.empty())
                .tracedBy(e.traceparent(), e.correlationId());
        if (e.function().endsWith(FIFO)) {
            entry = entry.inGroup(e.group().orElse(e.function()), Optional.of(e.id()));
        }
        try {
            queues.send(e.function(), entry);
            return Optional.empty();
        } catch (QueueException refused) {
            return Optional.of(reason(refused) + ": " + refused.getMessage());
        }
    }

    private static String reason(QueueException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> "QueueNotFound";
            case TOO_LARGE -> "MessageTooLarge";
            case INVALID -> "MessageRejected";
            case CONFLICT -> "QueueConflict";
        };
    }

    private Optional<String> publish(AsyncEvent e) {
        return bus.get().publish(e.payload(), e.traceparent(), e.correlationId());
    }

    /** The event's id names the execution: a second attempt after a crash finds the first one's execution. */
    private Optional<String> startWorkflow(AsyncEvent e) {
        try {
            return switch (workflows.get().start(e.function(), Optional.of(e.id()), e.payload(), e.traceparent(),
                    e.correlationId())) {
                case WorkflowStore.Start.Started s -> Optional.empty();
                case WorkflowStore.Start.Existing s -> Optional.empty();
                case WorkflowStore.Start.NameConflict c -> Optional.of("ExecutionAlreadyExists: execution "
                        + c.existing().id() + " of " + e.function() + " is named " + e.id() + " with another input");
                case WorkflowStore.Start.UnknownWorkflow u -> Optional.of("WorkflowNotFound: no workflow named "
                        + u.workflow());
            };
        } catch (IllegalArgumentException notJson) {
            return Optional.of("InvalidInput: " + notJson.getMessage());
        }
    }

    private void invoke(AsyncEvent e) {
        var current = functions.current(e.function());
        if (current.isEmpty()) {
            events.finish(e.id(), AsyncEvent.Status.FAILED,
                    Optional.of("FunctionNotFound: no function named " + e.function()), Optional.empty());
            return;
        }
        FunctionSpec.Async settings = current.get().spec().async();
        if (expired(e, settings, clock.instant())) {
            giveUp(e, settings, AsyncEvent.Status.EXPIRED, e.lastError().orElse("no attempt finished in time"),
                    Optional.empty());
            return;
        }
        Invocation inv = invoker.invoke(request(e));
        String invocationId = inv.record().id();
        switch (inv.outcome()) {
            case Outcome.Success s -> succeeded(e, settings, s, invocationId);
            case Outcome.Failure f -> failed(e, settings, f.errorType() + ": " + f.message(), Optional.of(invocationId));
        }
    }

    private InvocationRequest request(AsyncEvent e) {
        // the first attempt's record carries the id the caller got; retries get their own
        String id = e.attempts() == 1 ? e.id() : Ids.timeOrdered(clock);
        return new InvocationRequest(id, e.function(), e.payload().getBytes(StandardCharsets.UTF_8), e.trigger(),
                TraceContext.continueFrom(Optional.of(e.traceparent())), e.correlationId());
    }

    private static boolean expired(AsyncEvent e, FunctionSpec.Async settings, Instant at) {
        return at.isAfter(e.createdAt().plus(settings.maxEventAge()));
    }

    private void succeeded(AsyncEvent e, FunctionSpec.Async settings, Outcome.Success s, String invocationId) {
        events.finish(e.id(), AsyncEvent.Status.SUCCEEDED, Optional.empty(), Optional.of(invocationId));
        settings.onSuccess().ifPresent(target ->
                sendRecord(target, e, DestinationRecord.success(e, s.payload(), clock)));
    }

    /** @param invocationId the attempt's invocation record, when it invoked a function */
    private void failed(AsyncEvent e, FunctionSpec.Async settings, String error, Optional<String> invocationId) {
        if (e.attempts() > settings.maxRetries()) {
            giveUp(e, settings, AsyncEvent.Status.FAILED, error, invocationId);
            return;
        }
        Instant next = clock.instant().plus(backoff(e.attempts()));
        if (expired(e, settings, next)) {
            giveUp(e, settings, AsyncEvent.Status.EXPIRED, error, invocationId);
            return;
        }
        events.retryAt(e.id(), next, error, invocationId.or(e::lastInvocationId).orElse(null));
        LOG.info("async delivery {} to {}: attempt {} failed ({}); retry at {}", e.id(), describe(e),
                e.attempts(), error, next);
    }

    private void giveUp(AsyncEvent e, FunctionSpec.Async settings, AsyncEvent.Status status, String error,
            Optional<String> invocationId) {
        events.finish(e.id(), status, Optional.of(error), invocationId);
        LOG.warn("async delivery {} to {}: {} after {} attempt(s): {}", e.id(), describe(e), status, e.attempts(),
                error);
        String condition = status == AsyncEvent.Status.EXPIRED ? "EventAgeExceeded" : "RetriesExhausted";
        settings.onFailure().ifPresent(target ->
                sendRecord(target, e, DestinationRecord.failure(e, condition, error, clock)));
    }

    /**
     * The destination's event continues the source's trace and correlation id; a FIFO queue
     * destination gets the source function's name as its message group.
     */
    private void sendRecord(FunctionSpec.Destination target, AsyncEvent source, String record) {
        var event = AsyncEvent.accepted(Ids.timeOrdered(clock), target.name(), record, source.traceparent(),
                source.correlationId(), clock.instant());
        accept(target.kind() == AsyncEvent.Kind.FUNCTION ? event
                : event.toTarget(target.kind(), Optional.of(source.function())));
    }

    /**
     * Full jitter: a uniform delay up to {@code BASE_DELAY * 2^(attempt-1)}, capped at
     * {@code MAX_DELAY}, so retries of many failed events spread out instead of arriving together.
     */
    Duration backoff(int attempt) {
        return Duration.ofNanos(1 + random.nextLong(ceiling(attempt).toNanos()));
    }

    static Duration ceiling(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 20);
        Duration ceiling = BASE_DELAY.multipliedBy(1L << doublings);
        return ceiling.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : ceiling;
    }

    /** Stops leasing; attempts already running finish (or fail) with the runtime's drain. */
    @Override
    public void close() {
        work.close();
    }

    /** Waits, within {@code bound}, for running attempts to record their outcome. */
    void awaitIdle(Duration bound) throws InterruptedException {
        work.awaitIdle(bound);
    }
}
