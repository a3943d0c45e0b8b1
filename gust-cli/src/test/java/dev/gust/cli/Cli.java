package dev.gust.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import dev.gust.testing.ManualClock;

/** Runs the CLI in-process and keeps what it printed. */
record Cli(int exitCode, String out, String err) {
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    /** Runs with the clock stopped at {@link #NOW}, for commands that never reach a node. */
    static Cli run(Map<String, String> env, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, new ManualClock(NOW));
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Cli run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs as {@code gust} does, with the real clock: for commands that talk to a real node. */
    static Cli live(Map<String, String> env, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
