package dev.gust.store.sqlite;

import dev.gust.store.FunctionSpec;
import dev.gust.store.ColdStart;
import dev.gust.store.InvocationRecord;
import dev.gust.store.InvocationRecord.Status;
import dev.gust.store.LogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Values for store tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String SHA = "a".repeat(64);

    private Fixtures() {
    }

    static FunctionSpec spec(String name) {
        return new FunctionSpec(name, "java21", "com.example." + name + "::handle", SHA, 256, Duration.ofSeconds(30),
                new FunctionSpec.Concurrency(0, 10, 1), Map.of("GREETING", "hi", "LANG", "en"), true,
                List.of("GET /" + name, "POST /" + name + "/{id}"), FunctionSpec.Async.DEFAULT);
    }

    static FunctionSpec withMemory(FunctionSpec s, int memoryMb) {
        return new FunctionSpec(s.name(), s.runtime(), s.handler(), s.codeSha256(), memoryMb, s.timeout(),
                s.concurrency(), s.environment(), s.network(), s.routes(), s.async());
    }

    /** A successful record with every optional field present. */
    static InvocationRecord full(String id, String function, Instant start) {
        return new InvocationRecord(id, function, 3, "http", start, Duration.ofNanos(1_234_567), 2,
                Optional.of(Duration.ofMillis(850)), 512, Status.SUCCESS, Optional.of("Handled"),
                Optional.of("it's fine: \"quoted\" ünïcödé ✓"), Optional.of("i-0123456789ab"),
                "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", Optional.of("b7ad6b7169203331"), "corr-1",
                Optional.of(new ColdStart(ColdStart.Mode.STEM_CELL, ColdStart.Reason.KEEP_ALIVE,
                        Duration.ofNanos(100_001), Duration.ZERO, Duration.ZERO, Duration.ofNanos(3_200_450),
                        Duration.ofMillis(1), Duration.ofNanos(400_000))));
    }

    /** A record with every optional field empty. */
    static InvocationRecord sparse(String id, String function, Instant start, Status status) {
        return new InvocationRecord(id, function, 0, "api", start, Duration.ofNanos(250_000), 0, Optional.empty(),
                128, status, Optional.empty(), Optional.empty(), Optional.empty(),
                "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", Optional.empty(), "corr-2");
    }

    static InvocationRecord billed(String id, String function, Instant start, Status status, long billedMs, int memoryMb) {
        return new InvocationRecord(id, function, 1, "api", start, Duration.ofMillis(billedMs), billedMs,
                Optional.empty(), memoryMb, status, Optional.empty(), Optional.empty(), Optional.empty(),
                "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", Optional.empty(), "c");
    }

    static LogLine line(Instant time, String function, String invocationId, String message) {
        return new LogLine(time, function, 1, invocationId, "i-1", "stdout", message, "trace", "corr");
    }
}
