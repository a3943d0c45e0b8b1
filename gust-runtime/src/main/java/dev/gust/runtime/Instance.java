package dev.gust.runtime;

import dev.gust.store.ColdStart;
import java.time.Instant;
import java.util.Optional;

/**
 * One function instance: a {@link Worker} plus the node's bookkeeping about it (lifecycle state,
 * taken invocation slots, last use). The bookkeeping is guarded by the node lock held by
 * {@link Placement}; read or change it only with that lock held. The worker's events are relayed
 * to the placement, which takes the lock itself.
 */
final class Instance implements Worker.Events {
    final String id;
    final Pool pool;
    final Worker worker;
    private final Placement placement;
    private InstanceState state = InstanceState.STARTING;
    private int slots;
    private boolean served;
    private Instant lastUsed;

    /** Why the instance was started: what an invocation that waits for it records as its cold start's reason. */
    final ColdStart.Reason startReason;

    /**
     * @param stem the stem cell it is made of (its id is the stem cell's), or empty for a new worker
     */
    Instance(String id, Pool pool, Node node, Placement placement, Instant now, Optional<StemCell> stem,
            ColdStart.Reason startReason) {
        this.id = id;
        this.pool = pool;
        this.placement = placement;
        this.lastUsed = now;
        this.startReason = startReason;
        this.worker = new Worker(id, pool.version, node, this, stem);
    }

    InstanceState state() {
        return state;
    }

    /** Steps the lifecycle; throws on a step the table does not declare. */
    void moveTo(InstanceState to) {
        Lifecycle.check(id, state, to);
        var step = new Lifecycle.Transition(state, to);
        state = to;
        placement.transitioned(step);
    }

    /** @return whether it serves (or is about to serve) invocations */
    boolean serving() {
        return state == InstanceState.STARTING || state == InstanceState.IDLE || state == InstanceState.BUSY;
    }

    int slots() {
        return slots;
    }

    int freeSlots() {
        return pool.perInstance() - slots;
    }

    void take() {
        slots++;
        served = true;
    }

    /** @return whether it was ever given an invocation (a pre-warmed instance has not, until its first) */
    boolean served() {
        return served;
    }

    void give() {
        slots--;
    }

    Instant lastUsed() {
        return lastUsed;
    }

    void touch(Instant now) {
        lastUsed = now;
    }

    @Override
    public void ready() {
        placement.ready(this);
    }

    @Override
    public void stopping() {
        placement.stopped(this);
    }

    @Override
    public void stopped() {
        placement.stopped(this);
    }

    @Override
    public String toString() {
        return id + "(" + pool.version.key() + ", " + state + ", " + slots + " running)";
    }
}
