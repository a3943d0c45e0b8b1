package dev.gust.runtime;

import dev.gust.store.FunctionVersion;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One invocation sent to a worker and not yet answered. The first outcome wins (a result, the
 * deadline, or the instance's death), so racing completions are harmless. Thread-safe.
 */
final class Pending {
    final InvocationRequest request;
    final FunctionVersion version;
    final String instanceId;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final AtomicLong logBytes = new AtomicLong();
    private final AtomicBoolean truncationNoted = new AtomicBoolean();
    private volatile long sentNanos;
    private volatile long doneNanos;

    Pending(InvocationRequest request, FunctionVersion version, String instanceId) {
        this.request = request;
        this.version = version;
        this.instanceId = instanceId;
    }

    void sent(long nanos) {
        sentNanos = nanos;
    }

    /** @return whether this call decided the outcome */
    boolean complete(Outcome o, long nowNanos) {
        if (outcome.isDone()) {
            return false;
        }
        doneNanos = nowNanos;
        return outcome.complete(o);
    }

    boolean isDone() {
        return outcome.isDone();
    }

    /**
     * Waits without giving up on interrupt (the worker runs it; its slot stays taken until it ends),
     * then restores the interrupt flag.
     *
     * @return the outcome, or empty when none came within {@code bound}
     */
    Optional<Outcome> await(Duration bound) {
        return Outcomes.awaitUninterruptibly(outcome, bound);
    }

    /** @return how long the handler ran, from sending the invocation to its outcome */
    long runNanos() {
        return Math.max(0, doneNanos - sentNanos);
    }

    /**
     * Counts output against the invocation's cap.
     *
     * @return whether {@code bytes} more still fit under {@code cap}
     */
    boolean admitLog(long bytes, long cap) {
        return logBytes.addAndGet(bytes) <= cap;
    }

    /** @return true the first time only: the truncation note is written once */
    boolean noteTruncation() {
        return truncationNoted.compareAndSet(false, true);
    }
}
