package dev.gust.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.common.CorrelationIds;
import dev.gust.common.Ids;
import dev.gust.common.TraceContext;
import dev.gust.schedules.Firings;
import dev.gust.schedules.Schedule;
import dev.gust.schedules.Schedules;
import dev.gust.schedules.Slot;
import dev.gust.store.AsyncEvent;
import dev.gust.store.ScheduleStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
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
 * due after the newest one fired, and records each slot together with the async invocation of its
 * target in one transaction ({@link ScheduleStore#fire}). A crash between deciding and recording
 * loses nothing (the slot is still due at the next start) and a slot recorded twice is refused by
 * its unique id, so each slot fires once. "Now" is the injected clock; ticks run on the node's
 * scheduler. Thread-safe; ticks never overlap.
 */
final class ScheduleLoop implements AutoCloseable {
    static final Duration TICK = Duration.ofMillis(500);
    /** What a firing's invocation records name as their trigger. */
    static final String TRIGGER = "schedule";
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleLoop.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScheduleStore store;
    private final Firings firings;
    private final InstantSource clock;
    private final ScheduledExecutorService scheduler;
    private final Runnable wake;
    private final AtomicBoolean ticking = new AtomicBoolean();
    private volatile ScheduledFuture<?> task;

    /** @param wake tells the async dispatcher that invocations were enqueued */
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
        String correlation = CorrelationIds.acceptOrCreate(Optional.empty());
        var event = AsyncEvent.accepted(Ids.timeOrdered(clock), d.targetName(), payload(d, slot),
                TraceContext.newRoot().traceparent(), correlation, clock.instant()).withTrigger(TRIGGER);
        boolean fired = store.fire(d.name(), slot.id(), slot.at(), event);
        if (fired) {
            LOG.info("schedule {}: fired slot {} as async invocation {} of {}", d.name(), slot.at(), event.id(),
                    d.targetName());
        }
        return fired;
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
