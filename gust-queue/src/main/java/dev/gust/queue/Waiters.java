package dev.gust.queue;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes long-polling receives when their queue may have a message. A receive notes the queue's
 * version, looks for messages, and sleeps until the version moves (a send, a delete, a visibility
 * change), the node closes, or its pause ends. A signal for another queue does not end the sleep,
 * so an idle queue is not re-read because a busy one is written. Thread-safe.
 */
final class Waiters {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ConcurrentMap<String, Long> versions = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
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

    /** Waits until the queue's version is not {@code seen} any more, the waiters close, or {@code pause} passes. */
    void await(String queue, long seen, Duration pause) throws InterruptedException {
        long left = pause.toNanos();
        lock.lock();
        waiting.incrementAndGet();
        try {
            while (version(queue) == seen && !closed && left > 0) {
                left = changed.awaitNanos(left);
            }
        } finally {
            waiting.decrementAndGet();
            lock.unlock();
        }
    }
}
