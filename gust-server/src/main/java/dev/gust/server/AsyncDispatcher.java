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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs async invocations: leases due events from the store, invokes each through the same
 * {@link Invoker} as every other trigger ({@code event}), and records the outcome. A failed
 * attempt (function error, timeout, crash, throttle) is retried after an exponential backoff
 * with full jitter until the function's {@code max-retries} or {@code max-event-age} runs out;
 * the result then goes to the function's {@code on-success} or {@code on-failure} destination as a
 * new async event. Due times come from the injected clock; the store is polled on the scheduler
 * and woken at once when an event is accepted. Thread-safe.
 */
final class AsyncDispatcher implements AutoCloseable {
    static final Duration BASE_DELAY = Duration.ofMinutes(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    /** Longer than the longest timeout plus a cold start: a lease that runs out means the node died. */
    static final Duration LEASE = Duration.ofMinutes(20);
    static final Duration POLL_EVERY = Duration.ofMillis(200);
    static final int MAX_RUNNING = 64;
    private static final Logger LOG = LoggerFactory.getLogger(AsyncDispatcher.class);

    private final AsyncInvocationStore events;
    private final FunctionStore functions;
    private final Invoker invoker;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final LeasedWork<AsyncEvent> work;

    AsyncDispatcher(AsyncInvocationStore events, FunctionStore functions, Invoker invoker, InstantSource clock,
            ScheduledExecutorService scheduler, RandomGenerator random) {
        this.events = events;
        this.functions = functions;
        this.invoker = invoker;
        this.clock = clock;
        this.random = random;
        this.work = new LeasedWork<>("async", MAX_RUNNING, scheduler,
                free -> events.lease(clock.instant(), LEASE, free), this::run,
                e -> "invocation " + e.id() + " of " + e.function() + ", attempt " + e.attempts());
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
            case Outcome.Failure f -> failed(e, settings, f.errorType() + ": " + f.message(), invocationId);
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
        settings.onSuccess().ifPresent(target -> send(target, e, DestinationRecord.success(e, s.payload(), clock)));
    }

    private void failed(AsyncEvent e, FunctionSpec.Async settings, String error, String invocationId) {
        if (e.attempts() > settings.maxRetries()) {
            giveUp(e, settings, AsyncEvent.Status.FAILED, error, Optional.of(invocationId));
            return;
        }
        Instant next = clock.instant().plus(backoff(e.attempts()));
        if (expired(e, settings, next)) {
            giveUp(e, settings, AsyncEvent.Status.EXPIRED, error, Optional.of(invocationId));
            return;
        }
        events.retryAt(e.id(), next, error, invocationId);
        LOG.info("async invocation {} of {}: attempt {} failed ({}); retry at {}", e.id(), e.function(),
                e.attempts(), error, next);
    }

    private void giveUp(AsyncEvent e, FunctionSpec.Async settings, AsyncEvent.Status status, String error,
            Optional<String> invocationId) {
        events.finish(e.id(), status, Optional.of(error), invocationId);
        LOG.warn("async invocation {} of {}: {} after {} attempt(s): {}", e.id(), e.function(), status, e.attempts(),
                error);
        String condition = status == AsyncEvent.Status.EXPIRED ? "EventAgeExceeded" : "RetriesExhausted";
        settings.onFailure().ifPresent(target -> send(target, e, DestinationRecord.failure(e, condition, error, clock)));
    }

    /** The destination's event continues the source's trace and correlation id. */
    private void send(String target, AsyncEvent source, String record) {
        accept(AsyncEvent.accepted(Ids.timeOrdered(clock), target, record, source.traceparent(),
                source.correlationId(), clock.instant()));
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
