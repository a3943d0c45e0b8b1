package dev.gust.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * An invocation waiting for a slot, in its pool's FIFO queue. The pool it waits in may change
 * (a version switch moves the queue); {@link #pool} is guarded by the node lock.
 */
final class Waiter {
    final CompletableFuture<Grant> grant = new CompletableFuture<>();
    Pool pool;

    Waiter(Pool pool) {
        this.pool = pool;
    }
}
