package dev.gust.runtime;

import static dev.gust.runtime.InstanceState.BUSY;
import static dev.gust.runtime.InstanceState.DRAINING;
import static dev.gust.runtime.InstanceState.IDLE;
import static dev.gust.runtime.InstanceState.STARTING;
import static dev.gust.runtime.InstanceState.STOPPED;

import dev.gust.common.Ids;
import dev.gust.store.ColdStart;
import dev.gust.store.FunctionVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Decides where invocations run: owns the node lock, the pools, the FIFO queues of waiting
 * invocations, the memory budget and every instance's lifecycle state.
 *
 * <p>Thread-safe. Every method takes the node lock for a short, non-blocking decision and then,
 * with the lock released, performs what it decided (launching, stopping or killing workers): no
 * lock is ever held across I/O or a wait for a process.
 */
final class Placement {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Node node;
    private final Consumer<Lifecycle.Transition> transitions;
    private final List<Pool> pools = new ArrayList<>();
    private final Map<String, Pool> current = new HashMap<>();
    private final StemCells stems;
    private final Traffic traffic;
    private boolean shuttingDown;

    Placement(Node node, Consumer<Lifecycle.Transition> transitions) {
        this.node = node;
        this.transitions = transitions;
        this.traffic = new Traffic(node.config());
        this.stems = new StemCells(node, new StemCell.Events() {
            @Override
            public void ready(StemCell cell) {
                stemReady(cell);
            }

            @Override
            public void lost(StemCell cell, String why) {
                stemLost(cell, why);
            }
        });
    }

    /** Whether an invocation was queued for a slot or turned away at once. */
    sealed interface Admission {
        record Queued(Waiter waiter, FunctionVersion version) implements Admission {
        }

        record Rejected(Outcome.Failure failure) implements Admission {
        }
    }

    /** Work decided under the lock, done after releasing it. */
    private static final class Actions {
        private final List<Runnable> todo = new ArrayList<>();

        void launch(Instance i) {
            // a platform thread: until the worker's Hello it reads a FIFO, which only a platform thread can be woken from
            todo.add(() -> Thread.ofPlatform().daemon().name("gust-worker-" + i.id).start(i.worker::start));
        }

        void kill(Instance i, String reason) {
            todo.add(() -> i.worker.kill(reason));
        }

        void drain(Instance i) {
            todo.add(i.worker::shutdown);
        }

        void launchStem(StemCell c) {
            todo.add(() -> Thread.ofPlatform().daemon().name("gust-stem-" + c.id).start(c::start));
        }

        void killStem(StemCell c, String reason) {
            todo.add(() -> c.kill(reason));
        }

        void run() {
            todo.forEach(Runnable::run);
        }
    }

    private <T> T locked(Function<Actions, T> decision) {
        var actions = new Actions();
        T result;
        lock.lock();
        try {
            result = decision.apply(actions);
        } finally {
            lock.unlock();
        }
        actions.run();
        return result;
    }

    private void lockedRun(Consumer<Actions> decision) {
        locked(a -> {
            decision.accept(a);
            return null;
        });
    }

    /** Called with the lock held by {@link Instance#moveTo}. */
    void transitioned(Lifecycle.Transition step) {
        transitions.accept(step);
    }

    // ---- invocations

    /** Queues an invocation of {@code function}'s current version, granting a slot at once when one is free. */
    Admission admit(String function) {
        return locked(actions -> {
            if (shuttingDown) {
                return new Admission.Rejected(Outcome.Failure.of(ErrorKind.UNAVAILABLE,
                        "the node is shutting down; retry on another node"));
            }
            Pool pool = current.get(function);
            if (pool == null) {
                return new Admission.Rejected(Outcome.Failure.of(ErrorKind.NOT_FOUND,
                        "no function named '" + function + "' is deployed"));
            }
            var waiter = new Waiter(pool);
            pool.waiters.addLast(waiter);
            pool.lastInvoked = Optional.of(node.config().clock().instant());
            traffic.arrived(function, pool.lastInvoked.get());
            dispatch(pool, actions);
            return new Admission.Queued(waiter, pool.version);
        });
    }

    /**
     * Gives up waiting: the waiter leaves its queue and is throttled, unless a slot was granted in
     * the meantime, which it then keeps.
     */
    Grant abandon(Waiter waiter, Duration waited) {
        return locked(actions -> {
            Pool pool = waiter.pool;
            if (!pool.waiters.remove(waiter)) {
                return waiter.grant.join();
            }
            return new Grant.Refusal(Outcome.Failure.of(ErrorKind.THROTTLED, "function " + pool.version.name()
                    + ": no instance became free within " + waited.toMillis() + " ms (" + pool.live() + " of max "
                    + pool.max() + " instances, " + pool.inFlight() + " running, " + pool.waiting() + " waiting, "
                    + usedMb() + " of " + node.config().memoryBudgetMb() + " MB node memory in use)"));
        });
    }

    /** Gives a slot back; the instance goes idle, drains, or serves the next waiter. */
    void release(Grant.Lease lease) {
        lockedRun(actions -> {
            Instance i = lease.instance();
            i.give();
            if (i.state() != STOPPED) {
                i.touch(node.config().clock().instant());
                settle(i, actions);
                dispatch(i.pool, actions);
            }
            if (!busy(i.pool.version.name())) {
                traffic.idle(i.pool.version.name(), node.config().clock().instant());
            }
            if (stems.coldStartSinceRefill()) {
                refill(actions); // not after every invocation: this is the hot path
            }
            changed.signalAll();
        });
    }

    /** An instance with no slots taken idles, or stops if its pool no longer serves. */
    private void settle(Instance i, Actions actions) {
        if (i.slots() > 0) {
            return;
        }
        if (i.state() == BUSY) {
            i.moveTo(i.pool.current && !shuttingDown ? IDLE : DRAINING);
        }
        if (i.state() == IDLE && (!i.pool.current || shuttingDown)) {
            i.moveTo(DRAINING);
        }
        if (i.state() == DRAINING) {
            actions.drain(i);
        }
    }

    private void dispatch(Pool pool, Actions actions) {
        while (!pool.waiters.isEmpty()) {
            Instance i = pool.withFreeSlot().orElseGet(() -> startNew(pool, actions, pool.coldStartReason()));
            if (i == null) {
                return;
            }
            grant(pool.waiters.pollFirst(), i);
        }
    }

    private void grant(Waiter w, Instance i) {
        boolean cold = i.state() == STARTING;
        i.take();
        if (i.state() == IDLE) {
            i.moveTo(BUSY);
        }
        w.grant.complete(new Grant.Lease(i, cold));
    }

    private void dispatchAll(Actions actions) {
        List.copyOf(pools).stream().filter(p -> p.current).forEach(p -> dispatch(p, actions));
    }

    // ---- starting and stopping instances

    /**
     * Starts an instance from a ready stem cell of the pool's kind, or else a new worker.
     *
     * @return a new STARTING instance, or null when {@code max} or the memory budget forbids one
     */
    private Instance startNew(Pool pool, Actions actions, ColdStart.Reason reason) {
        if (!pool.current || shuttingDown || pool.live() >= pool.max()) {
            return null;
        }
        Instant now = node.config().clock().instant();
        Optional<StemCell> stem = pool.stemCellsCanServe()
                ? stems.take(pool.stemKind(), now, reason != ColdStart.Reason.PREWARM) : Optional.empty();
        if (stem.isEmpty() && !makeRoom(pool, actions)) {
            return null;
        }
        var i = new Instance(stem.map(c -> c.id).orElseGet(() -> Ids.shortId("i-")), pool, node, this, now, stem,
                reason);
        pool.instances.add(i);
        pool.everStarted = true;
        actions.launch(i);
        // the refill waits until an invocation ends: a new stem cell's JVM start would compete for the CPU with
        // this instance's start and its first invocation
        return i;
    }

    // ---- stem cells

    private void refill(Actions actions) {
        if (shuttingDown) {
            return;
        }
        Set<StemCell.Kind> inUse = new HashSet<>();
        current.values().stream().filter(Pool::stemCellsCanServe).forEach(p -> inUse.add(p.stemKind()));
        stems.refill(inUse, node.config().memoryBudgetMb() - usedMb(), node.config().clock().instant(),
                actions::launchStem, actions::killStem);
    }

    private void stemReady(StemCell cell) {
        lockedRun(actions -> {
            stems.ready(cell);
            refill(actions);
        });
    }

    private void stemLost(StemCell cell, String why) {
        lockedRun(actions -> {
            stems.lost(cell, why, node.config().clock().instant());
            refill(actions);
        });
    }

    List<StemCellStats> stemCells() {
        return locked(actions -> stems.stats());
    }

    /**
     * Stops stem cells, then evicts least recently used idle instances of other pools, until
     * {@code pool} fits the budget.
     */
    private boolean makeRoom(Pool pool, Actions actions) {
        long free = node.config().memoryBudgetMb() - usedMb();
        List<Instance> idle = pools.stream().filter(p -> p != pool)
                .flatMap(p -> p.idleOnes().stream())
                .sorted(Comparator.comparing(Instance::lastUsed))
                .toList();
        long reclaimable = idle.stream().mapToLong(i -> i.pool.memoryMb()).sum() + stems.usedMb();
        if (free + reclaimable < pool.memoryMb()) {
            return false;
        }
        if (free < pool.memoryMb()) {
            for (StemCell c : stems.reclaim(pool.memoryMb() - free)) {
                free += c.kind.memoryMb();
                actions.killStem(c, "its memory was needed for " + pool.version.key());
            }
        }
        for (Instance victim : idle) {
            if (free >= pool.memoryMb()) {
                break;
            }
            free += victim.pool.memoryMb();
            victim.pool.lastLoss = ColdStart.Reason.EVICTED;
            victim.moveTo(STOPPED);
            forget(victim);
            actions.kill(victim, "it was evicted to make room for " + pool.version.key());
        }
        return true;
    }

    private long usedMb() {
        return pools.stream().mapToLong(p -> (long) p.live() * p.memoryMb()).sum() + stems.usedMb();
    }

    /** The worker is ready: its instance serves, or drains at once if its pool was retired meanwhile. */
    void ready(Instance i) {
        lockedRun(actions -> {
            if (i.state() != STARTING) {
                return;
            }
            i.touch(node.config().clock().instant());
            i.moveTo(i.slots() > 0 ? BUSY : IDLE);
            settle(i, actions);
            dispatch(i.pool, actions);
        });
    }

    /** The instance is stopped (or being killed): it takes nothing new and frees its memory. */
    void stopped(Instance i) {
        lockedRun(actions -> {
            if (i.state() != STOPPED && i.state() != DRAINING) {
                i.pool.lastLoss = ColdStart.Reason.CRASHED;
            }
            if (i.state() != STOPPED) {
                i.moveTo(STOPPED);
            }
            if (forget(i)) {
                dispatchAll(actions);
            }
            refill(actions);
            changed.signalAll();
        });
    }

    private boolean forget(Instance i) {
        boolean removed = i.pool.instances.remove(i);
        pools.removeIf(p -> !p.current && p.instances.isEmpty());
        return removed;
    }

    // ---- versions

    /** Makes {@code version} current; the previous version's pool drains and its queue moves over. */
    void activate(FunctionVersion version) {
        lockedRun(actions -> {
            if (shuttingDown) {
                throw new IllegalStateException("the invoker is shut down; cannot activate " + version.key());
            }
            Pool old = current.get(version.name());
            if (old != null && old.version.equals(version)) {
                return;
            }
            var pool = new Pool(version);
            pools.add(pool);
            current.put(version.name(), pool);
            if (old != null) {
                retire(old, actions);
                old.waiters.forEach(w -> w.pool = pool);
                pool.waiters.addAll(old.waiters);
                old.waiters.clear();
            }
            topUp(pool, actions);
            dispatch(pool, actions);
            refill(actions);
        });
    }

    /** Stops routing to {@code function}; queued invocations are refused, running ones finish. */
    void remove(String function) {
        lockedRun(actions -> {
            Pool old = current.remove(function);
            traffic.forget(function);
            if (old != null) {
                retire(old, actions);
                refuseWaiters(old, ErrorKind.NOT_FOUND, "function '" + function + "' was removed");
            }
            refill(actions);
        });
    }

    private void retire(Pool pool, Actions actions) {
        pool.current = false;
        for (Instance i : List.copyOf(pool.instances)) {
            if (i.state() == IDLE || i.state() == BUSY) {
                i.moveTo(DRAINING);
                settle(i, actions);
            }
        }
        pools.removeIf(p -> !p.current && p.instances.isEmpty());
    }

    private void refuseWaiters(Pool pool, ErrorKind kind, String message) {
        pool.waiters.forEach(w -> w.grant.complete(new Grant.Refusal(Outcome.Failure.of(kind, message))));
        pool.waiters.clear();
    }

    // ---- keep-alive

    /** @return whether any of the function's invocations run or wait */
    private boolean busy(String function) {
        return pools.stream().filter(p -> p.version.name().equals(function))
                .anyMatch(p -> !p.waiters.isEmpty() || p.instances.stream().anyMatch(i -> i.slots() > 0));
    }

    /**
     * Stops idle instances unused for longer than the keep-alive (by the node's clock), never going
     * below a pool's {@code min}; starts instances a pool lacks to reach its {@code min}.
     */
    void sweep() {
        lockedRun(actions -> {
            Instant now = node.config().clock().instant();
            for (Pool pool : List.copyOf(pools)) {
                HybridKeepAlive.Windows w = traffic.windows(pool.version.name());
                reap(pool, now, w, actions);
                topUp(pool, actions);
                if (pool.current && traffic.prewarmDue(pool.version.name(), now) && pool.serving() == 0) {
                    startNew(pool, actions, ColdStart.Reason.PREWARM);
                }
            }
            refill(actions);
        });
    }

    /**
     * Stops idle instances past their keep-alive. With a pre-warm window, an instance that has served
     * is unloaded at once (it is loaded again when the window has passed); a pre-warmed one that has
     * not served yet lives the keep-alive window from when it became ready.
     */
    private void reap(Pool pool, Instant now, HybridKeepAlive.Windows w, Actions actions) {
        Instant cutoff = now.minus(w.keepAlive());
        boolean unloadServed = w.prewarm().isPositive();
        long serving = pool.serving();
        List<Instance> expired = pool.idleOnes().stream()
                .filter(i -> (unloadServed && i.served()) || !i.lastUsed().isAfter(cutoff))
                .sorted(Comparator.comparing(Instance::lastUsed))
                .toList();
        for (Instance i : expired) {
            if (pool.current && serving <= pool.min()) {
                return;
            }
            pool.lastLoss = ColdStart.Reason.KEEP_ALIVE;
            i.moveTo(DRAINING);
            settle(i, actions);
            serving--;
        }
    }

    private void topUp(Pool pool, Actions actions) {
        for (long n = pool.serving(); n < pool.min(); n++) {
            if (startNew(pool, actions, ColdStart.Reason.PREWARM) == null) {
                return;
            }
        }
    }

    // ---- shutdown and stats

    /** From now on invocations are refused; queued ones are refused at once. */
    void beginShutdown() {
        lockedRun(actions -> {
            shuttingDown = true;
            pools.forEach(p -> refuseWaiters(p, ErrorKind.UNAVAILABLE, "the node is shutting down"));
        });
    }

    /**
     * Waits until no invocation holds a slot, or {@code bound} passed.
     *
     * @return whether everything finished
     * @throws InterruptedException when interrupted while waiting
     */
    boolean awaitNoneRunning(Duration bound) throws InterruptedException {
        long left = bound.toNanos();
        lock.lock();
        try {
            while (slotsTaken() > 0) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private int slotsTaken() {
        return pools.stream().flatMap(p -> p.instances.stream()).mapToInt(Instance::slots).sum();
    }

    /** Asks every worker to stop (idle and busy ones drain, starting ones are killed). */
    List<Worker> stopAll() {
        return locked(actions -> {
            List<Worker> all = new ArrayList<>();
            for (Instance i : pools.stream().flatMap(p -> p.instances.stream()).toList()) {
                all.add(i.worker);
                if (i.state() == STARTING) {
                    actions.kill(i, "the node is shutting down");
                } else if (i.state() != DRAINING) {
                    i.moveTo(DRAINING);
                    actions.drain(i);
                }
            }
            return all;
        });
    }

    /** Takes every stem cell off the shelves and kills it (at shutdown); @return them, to await their exit */
    List<StemCell> stopStems() {
        return locked(actions -> {
            List<StemCell> all = stems.removeAll();
            all.forEach(c -> actions.killStem(c, "the node is shutting down"));
            return all;
        });
    }

    List<PoolStats> stats() {
        return locked(actions -> pools.stream().map(Pool::stats).toList());
    }

    /** @return the live instances of {@code function}'s pools, for tests */
    List<Instance> instancesOf(String function) {
        return locked(actions -> pools.stream().filter(p -> p.version.name().equals(function))
                .flatMap(p -> p.instances.stream()).toList());
    }
}
