package dev.gust.queue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes long-polling receives when their queue may have a message. A receive notes the queue's
 * version, looks for messages, and sleeps until the version moves or a short tick passes (the
 * tick lets it notice delays ending and its deadline on the injected clock). Thread-safe.
 */
final class Waiters {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ConcurrentMap<String, Long> versions = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closed;

    /** @return how many receives are waiting now (for tests to know a long poll has begun) */
    int waiting() {
        return waiting.get();
    }

    long version(String queue) {
        return versions.getOrDefault(queue, 0L);
    }

    void signal(String queue) {
        versions.merge(queue, 1L, Long::sum);
        signalAll();
    }

    void close() {
        closed = true;
        signalAll();
    }

    boolean closed() {
        return closed;
    }

    private void signalAll() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the queue's version is not {@code seen} any more, or {@code tickMillis} pass. */
    void await(String queue, long seen, long tickMillis) throws InterruptedException {
        lock.lock();
        waiting.incrementAndGet();
        try {
            if (version(queue) == seen && !closed) {
                changed.await(tickMillis, TimeUnit.MILLISECONDS);
            }
        } finally {
            waiting.decrementAndGet();
            lock.unlock();
        }
    }
}
