package dev.gust.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs durable work that the store hands out under leases: polls on the scheduler (and at once
 * when woken), leases at most as many items as there are free slots, and runs each on its own
 * virtual thread. An item whose run throws is left to its lease: when that ends the store hands it
 * out again, so nothing leased is lost. Thread-safe.
 *
 * @param <T> a leased item
 */
final class LeasedWork<T> {
    private static final Logger LOG = LoggerFactory.getLogger(LeasedWork.class);
    private final String name;
    private final ScheduledExecutorService scheduler;
    private final IntFunction<List<T>> lease;
    private final Consumer<T> run;
    private final Function<T, String> describe;
    private final ExecutorService runners;
    private final Semaphore slots;
    private final AtomicBoolean polling = new AtomicBoolean();
    /** Set by a wake-up: look again, even if a poll is running now (it may have looked already). */
    private final AtomicBoolean again = new AtomicBoolean();
    /** The last poll took as many items as there were free slots: more may be due. */
    private volatile boolean saturated;
    private volatile boolean closed;

    /**
     * @param name names the threads and log lines, e.g. {@code async}
     * @param maxRunning how many items run at once
     * @param scheduler runs the polls
     * @param lease leases up to the given number of due items
     * @param run runs one item and records its outcome
     * @param describe names an item in the log (its id, not its payload)
     */
    LeasedWork(String name, int maxRunning, ScheduledExecutorService scheduler, IntFunction<List<T>> lease,
            Consumer<T> run, Function<T, String> describe) {
        this.name = name;
        this.scheduler = scheduler;
        this.lease = lease;
        this.run = run;
        this.describe = describe;
        this.slots = new Semaphore(maxRunning);
        this.runners = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("gust-" + name + "-", 0).factory());
    }

    void start(Duration every) {
        scheduler.scheduleWithFixedDelay(this::poll, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Looks for due items now rather than at the next poll. */
    void wake() {
        if (!closed) {
            again.set(true);
            scheduler.execute(this::poll);
        }
    }

    /** One poll at a time; a wake-up during a poll makes it look once more rather than being lost. */
    private void poll() {
        if (closed || !polling.compareAndSet(false, true)) {
            return;
        }
        try {
            do {
                again.set(false);
                leaseFree();
            } while (again.get() && !closed);
        } catch (RuntimeException e) {
            LOG.warn("{}: leasing due work failed; will try again", name, e);
        } finally {
            polling.set(false);
        }
        if (again.get() && !closed) {
            scheduler.execute(this::poll); // woken between the last look and the end of this poll
        }
    }

    private void leaseFree() {
        int free = slots.availablePermits();
        if (free == 0) {
            saturated = true;
            return;
        }
        List<T> items = lease.apply(free);
        saturated = items.size() >= free;
        items.forEach(this::launch);
    }

    private void launch(T item) {
        slots.acquireUninterruptibly();
        runners.execute(() -> {
            try {
                run.accept(item);
            } catch (RuntimeException e) {
                LOG.warn("{}: {} could not be recorded; it runs again when its lease ends", name, describe.apply(item), e);
            } finally {
                slots.release();
                if (saturated) {
                    wake(); // more may be due: take them now rather than at the next poll
                }
            }
        });
    }

    /** Stops leasing; what runs goes on. */
    void close() {
        closed = true;
    }

    /** Stops leasing and interrupts what runs. */
    void closeNow() {
        closed = true;
        runners.shutdownNow();
    }

    /** Waits, within {@code bound}, for running items to record their outcome. */
    void awaitIdle(Duration bound) throws InterruptedException {
        runners.shutdown();
        if (!runners.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("{}: work still running after {}; it runs again after its lease", name, bound);
        }
    }
}
