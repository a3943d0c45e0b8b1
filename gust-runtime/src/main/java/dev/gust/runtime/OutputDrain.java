package dev.gust.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Reads a worker's raw stdout or stderr on its own virtual thread until EOF, line by line (long
 * lines are cut at {@link #MAX_LINE} characters so a runaway writer cannot exhaust the node's
 * memory), and keeps the last few lines to explain a worker that dies before it is ready.
 * Thread-safe.
 */
final class OutputDrain {
    static final int MAX_LINE = 8192;
    private static final int TAIL_LINES = 8;

    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    /**
     * @param name the thread's name
     * @param in the stream to drain
     * @param sink receives every line
     * @return the running drain
     */
    static OutputDrain start(String name, InputStream in, Consumer<String> sink) {
        var drain = new OutputDrain();
        Thread.ofVirtual().name(name).start(() -> drain.run(in, sink));
        return drain;
    }

    private void run(InputStream in, Consumer<String> sink) {
        try (Reader r = new java.io.BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            var line = new StringBuilder();
            for (int c; (c = r.read()) >= 0;) {
                if (c == '\n' || line.length() >= MAX_LINE) {
                    emit(line, sink);
                }
                if (c != '\n') {
                    line.append((char) c);
                }
            }
            if (!line.isEmpty()) {
                emit(line, sink);
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone or the sink failed; nothing more to read either way
        } finally {
            finished.complete(null);
        }
    }

    private void emit(StringBuilder line, Consumer<String> sink) {
        String text = line.toString();
        line.setLength(0);
        synchronized (tail) {
            if (tail.size() == TAIL_LINES) {
                tail.removeFirst();
            }
            tail.addLast(text);
        }
        sink.accept(text);
    }

    /** @return completes once the stream reached EOF */
    CompletableFuture<Void> finished() {
        return finished;
    }

    /** @return the last lines read, oldest first */
    List<String> tail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }
}
