package dev.gust.server;

import dev.gust.store.LogLine;
import dev.gust.store.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /v1/functions/{name}/logs}: stored lines as JSON, or with {@code follow=true} the
 * recent lines then live ones as server-sent events until the client leaves or the node stops.
 * Each follower holds one virtual thread. Thread-safe.
 */
final class LogsApi {
    private static final int FOLLOW_BUFFER = 10_000;
    private static final int HEARTBEAT_POLLS = 15;
    private final Store store;
    private final InstantSource clock;
    private final AtomicBoolean stopping = new AtomicBoolean();

    LogsApi(Store store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Ends every follow stream within a second. */
    void stop() {
        stopping.set(true);
    }

    void handle(Request req, Response res, Callback cb, String function) throws Exception {
        if (store.functions().current(function).isEmpty()) {
            throw AdminApi.unknownFunction(function);
        }
        var since = Since.parse(HttpIo.query(req, "since"), clock);
        var invocation = HttpIo.query(req, "invocation");
        int limit = InvocationsApi.limit(req, 100, 10_000);
        if (HttpIo.query(req, "follow").filter("true"::equals).isPresent()) {
            follow(res, cb, function, invocation, since, limit);
            return;
        }
        List<LogLine> lines = store.logs().read(function, invocation, since, limit);
        HttpIo.json(res, cb, 200, Map.of("lines", lines.stream().map(Views::logLine).toList()));
    }

    private void follow(Response res, Callback cb, String function, Optional<String> invocation,
            Optional<java.time.Instant> since, int limit) throws Exception {
        BlockingQueue<LogLine> live = new LinkedBlockingQueue<>(FOLLOW_BUFFER);
        AtomicLong dropped = new AtomicLong();
        res.setStatus(200);
        res.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        res.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        try (AutoCloseable sub = store.logs().follow(function, line -> {
            if (invocation.map(line.invocationId()::equals).orElse(true) && !live.offer(line)) {
                dropped.incrementAndGet();
            }
        }); OutputStream out = Content.Sink.asOutputStream(res)) {
            List<LogLine> history = store.logs().read(function, invocation, since, limit);
            Set<LogLine> seen = new HashSet<>(history);
            for (LogLine l : history) {
                event(out, l);
            }
            out.flush();
            stream(out, live, seen, dropped);
            cb.succeeded();
        } catch (IOException clientGone) {
            cb.failed(clientGone);
        }
    }

    private void stream(OutputStream out, BlockingQueue<LogLine> live, Set<LogLine> seen, AtomicLong dropped)
            throws IOException, InterruptedException {
        int idle = 0;
        while (!stopping.get()) {
            LogLine l = live.poll(1, TimeUnit.SECONDS);
            if (l == null) {
                if (++idle % HEARTBEAT_POLLS == 0) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                continue;
            }
            if (seen.remove(l)) {
                continue;
            }
            long lost = dropped.getAndSet(0);
            if (lost > 0) {
                out.write(("event: dropped\ndata: {\"dropped\":" + lost + "}\n\n").getBytes(StandardCharsets.UTF_8));
            }
            event(out, l);
            if (live.isEmpty()) {
                out.flush();
            }
        }
    }

    private static void event(OutputStream out, LogLine line) throws IOException {
        out.write("data: ".getBytes(StandardCharsets.UTF_8));
        out.write(HttpIo.JSON.writeValueAsBytes(Views.logLine(line)));
        out.write("\n\n".getBytes(StandardCharsets.UTF_8));
    }
}
