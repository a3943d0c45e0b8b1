package dev.gust.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when a test says so. Thread-safe. */
public final class ManualClock implements InstantSource {
    private final AtomicReference<Instant> now;

    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** @return a clock at 2026-01-01T00:00:00Z */
    public static ManualClock atEpochOfTests() {
        return new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    /** @param d how far to move forward */
    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    /** @param t the new time */
    public void set(Instant t) {
        now.set(t);
    }
}
