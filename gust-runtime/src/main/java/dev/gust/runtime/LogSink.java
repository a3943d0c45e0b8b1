package dev.gust.runtime;

import dev.gust.protocol.Frame;
import dev.gust.store.FunctionVersion;
import dev.gust.store.LogLine;
import dev.gust.store.LogStore;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns worker output into {@link LogLine}s tagged with the invocation, its trace and correlation
 * ids, and enforces the per-invocation cap on the node side too (a worker cannot be trusted to).
 * Thread-safe: reader and output-drain threads of many instances call it at once.
 */
final class LogSink {
    static final String SYSTEM = "system";

    private final LogStore store;
    private final InstantSource clock;
    private final long capBytes;

    LogSink(LogStore store, InstantSource clock, long capBytes) {
        this.store = store;
        this.clock = clock;
        this.capBytes = capBytes;
    }

    /** A {@link Frame.Log} from the worker's channel. */
    void workerLog(FunctionVersion v, String instanceId, Optional<Pending> p, Frame.Log log) {
        String stream = log.stream().name().toLowerCase(Locale.ROOT);
        String invocationId = p.map(x -> x.request.id()).orElse(log.invocationId());
        line(v, instanceId, invocationId, p, stream, log.text());
        if (log.truncated()) {
            p.ifPresent(x -> noteTruncation(x));
        }
    }

    /** A line of the worker process's raw stdout or stderr (JVM-level messages). */
    void rawLine(FunctionVersion v, String instanceId, Optional<Pending> p, String stream, String text) {
        line(v, instanceId, p.map(x -> x.request.id()).orElse(""), p, stream, text);
    }

    /** A note of the node's own about an invocation, never capped. */
    void system(Pending p, String text) {
        append(p.version, p.instanceId, p.request.id(), Optional.of(p), SYSTEM, text);
    }

    /** A note of the node's own about an invocation not sent yet (e.g. its cold start). */
    void system(FunctionVersion v, String instanceId, dev.gust.runtime.InvocationRequest r, String text) {
        store.append(new LogLine(clock.instant(), v.name(), v.version(), r.id(), instanceId, SYSTEM, text,
                r.trace().traceId(), r.correlationId()));
    }

    private void line(FunctionVersion v, String instanceId, String invocationId, Optional<Pending> p, String stream,
            String text) {
        String message = stripNewline(text);
        if (p.isPresent() && !p.get().admitLog(message.getBytes(StandardCharsets.UTF_8).length, capBytes)) {
            noteTruncation(p.get());
            return;
        }
        append(v, instanceId, invocationId, p, stream, message);
    }

    private void noteTruncation(Pending p) {
        if (p.noteTruncation()) {
            system(p, "log truncated after " + capBytes + " bytes");
        }
    }

    private void append(FunctionVersion v, String instanceId, String invocationId, Optional<Pending> p, String stream,
            String message) {
        String traceId = p.map(x -> x.request.trace().traceId()).orElse("");
        String correlationId = p.map(x -> x.request.correlationId()).orElse("");
        store.append(new LogLine(clock.instant(), v.name(), v.version(), invocationId, instanceId, stream, message,
                traceId, correlationId));
    }

    private static String stripNewline(String text) {
        int end = text.length();
        if (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > 0 && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(0, end);
    }
}
