package dev.gust.worker;

import java.time.Instant;
import java.time.InstantSource;

/**
 * An instant source that never goes backwards: wall time at creation plus elapsed
 * {@link System#nanoTime()}. Used for durations and deadlines, which must not jump with the wall
 * clock. Thread-safe.
 */
final class MonotonicClock implements InstantSource {
    private final Instant origin;
    private final long originNanos;

    private MonotonicClock(Instant origin, long originNanos) {
        this.origin = origin;
        this.originNanos = originNanos;
    }

    static MonotonicClock create() {
        return new MonotonicClock(Instant.EPOCH, System.nanoTime());
    }

    @Override
    public Instant instant() {
        return origin.plusNanos(System.nanoTime() - originNanos);
    }
}
