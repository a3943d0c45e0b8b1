package dev.gust.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.common.CorrelationIds;
import dev.gust.common.Ids;
import dev.gust.common.TraceContext;
import dev.gust.events.CloudEvent;
import dev.gust.events.CloudEventCodec;
import dev.gust.schedules.Firings;
import dev.gust.schedules.Schedule;
import dev.gust.schedules.Schedules;
import dev.gust.schedules.Slot;
import dev.gust.store.AsyncEvent;
import dev.gust.store.ScheduleStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires deployed schedules: at each tick, for each schedule, asks {@link Firings} which slots are
 * due after the newest one fired, and records each slot together with the async delivery to its
 * target (a function, a queue, the bus or a workflow) in one transaction ({@link ScheduleStore#fire}).
 * A crash between deciding and recording loses nothing (the slot is still due at the next start)
 * and a slot recorded twice is refused by its unique id, so each slot fires once. "Now" is the injected clock; ticks run on the node's
 * scheduler. Thread-safe; ticks never overlap.
 */
final class ScheduleLoop implements AutoCloseable {
    static final Duration TICK = Duration.ofMillis(500);
    /** What a firing's invocation records name as their trigger. */
    static final String TRIGGER = "schedule";
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleLoop.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A bus target's event source and type unless declared, as EventBridge Scheduler's events. */
    static final String SOURCE = "gust.schedules";
    static final String DETAIL_TYPE = "Scheduled Event";
    private static final CloudEventCodec EVENTS = CloudEventCodec.create();

    private final ScheduleStore store;
    private final Firings firings;
    private final InstantSource clock;
    private final ScheduledExecutorService scheduler;
    private final Runnable wake;
    private final AtomicBoolean ticking = new AtomicBoolean();
    private volatile ScheduledFuture<?> task;

    /** @param wake tells the async dispatcher that deliveries were enqueued */
    ScheduleLoop(ScheduleStore store, InstantSource clock, ScheduledExecutorService scheduler, Runnable wake) {
        this.store = store;
        this.firings = Firings.create(clock);
        this.clock = clock;
        this.scheduler = scheduler;
        this.wake = wake;
    }

    void start() {
        task = scheduler.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Fires every due slot of every schedule. */
    void tick() {
        if (!ticking.compareAndSet(false, true)) {
            return;
        }
        try {
            int fired = store.list().stream().mapToInt(this::fireDue).sum();
            if (fired > 0) {
                wake.run();
            }
        } catch (RuntimeException e) {
            LOG.warn("schedules: firing due slots failed; will try again at the next tick", e);
        } finally {
            ticking.set(false);
        }
    }

    private int fireDue(ScheduleStore.Definition d) {
        var due = firings.due(schedule(d), store.lastFired(d.name()));
        if (due.dropped()) {
            LOG.warn("schedule {}: more missed slots than the catch-up cap; the oldest were dropped", d.name());
        }
        return (int) due.slots().stream().filter(slot -> fire(d, slot)).count();
    }

    private boolean fire(ScheduleStore.Definition d, Slot slot) {
        var event = delivery(d, slot);
        boolean fired = store.fire(d.name(), slot.id(), slot.at(), event);
        if (fired) {
            LOG.info("schedule {}: fired slot {} as async delivery {} to {} {}", d.name(), slot.at(), event.id(),
                    d.targetKind(), d.targetName());
        }
        return fired;
    }

    /** Each firing starts a new trace and correlation id. */
    private AsyncEvent delivery(ScheduleStore.Definition d, Slot slot) {
        String id = Ids.timeOrdered(clock);
        String trace = TraceContext.newRoot().traceparent();
        String correlation = CorrelationIds.acceptOrCreate(Optional.empty());
        return switch (AsyncEvent.Kind.of(d.targetKind())) {
            case FUNCTION -> AsyncEvent.accepted(id, d.targetName(), payload(d, slot), trace, correlation,
                    clock.instant()).withTrigger(TRIGGER);
            case QUEUE -> AsyncEvent.accepted(id, d.targetName(), payload(d, slot), trace, correlation, clock.instant())
                    .toTarget(AsyncEvent.Kind.QUEUE, Optional.of(d.options().group().orElse(d.name())));
            case BUS -> AsyncEvent.accepted(id, d.targetName(), cloudEvent(id, d, slot, trace, correlation), trace,
                    correlation, clock.instant()).toTarget(AsyncEvent.Kind.BUS, Optional.empty());
            // the delivery's id names the execution, so a slot starts one execution however often it is delivered
            case WORKFLOW -> AsyncEvent.accepted(id, d.targetName(), payload(d, slot), trace, correlation,
                    clock.instant()).toTarget(AsyncEvent.Kind.WORKFLOW, Optional.empty());
        };
    }

    /** The structured CloudEvent a bus target publishes: its id is the delivery's, its time the slot's. */
    static String cloudEvent(String id, ScheduleStore.Definition d, Slot slot, String trace, String correlation) {
        var event = new CloudEvent(id, d.options().source().orElse(SOURCE), CloudEvent.SPEC_VERSION,
                d.options().detailType().orElse(DETAIL_TYPE), Optional.empty(), Optional.empty(), Optional.of(d.name()),
                Optional.of(slot.at().atOffset(ZoneOffset.UTC)), Map.of("traceparent", trace, "correlationid", correlation),
                Optional.empty());
        try {
            event = event.withJsonData(JSON.readTree(payload(d, slot)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a schedule's payload is not JSON: " + d.name(), e);
        }
        return new String(EVENTS.toStructuredJson(event), StandardCharsets.UTF_8);
    }

    /** The schedule's input, or, like EventBridge Scheduler's context, which slot fired. */
    static String payload(ScheduleStore.Definition d, Slot slot) {
        return d.input().orElseGet(() -> {
            Map<String, String> event = new LinkedHashMap<>();
            event.put("schedule", d.name());
            event.put("slot", slot.id());
            event.put("time", slot.at().toString());
            try {
                return JSON.writeValueAsString(event);
            } catch (Exception e) {
                throw new IllegalStateException("cannot write a slot as JSON", e);
            }
        });
    }

    static Schedule schedule(ScheduleStore.Definition d) {
        return Schedules.define(d.name(), d.expression(), d.zone(), d.targetKind(), d.targetName(), d.catchUp(),
                d.createdAt()).orThrow();
    }

    /** @return the next slot after now, or empty when the schedule will not fire again */
    Optional<Instant> next(ScheduleStore.Definition d) {
        return schedule(d).expression().nextAfter(later(clock.instant(), d.createdAt()));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public void close() {
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
    }
}
