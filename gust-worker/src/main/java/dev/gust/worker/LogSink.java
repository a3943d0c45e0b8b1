package dev.gust.worker;

import dev.gust.protocol.Frame;
import dev.gust.protocol.FrameChannel;
import dev.gust.protocol.FrameCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The output of one invocation (or, with an empty id, of code outside any invocation): turns bytes
 * written to stdout/stderr into {@link Frame.Log} lines and logger calls into single entries, up to
 * a byte cap. Once the cap is reached it sends one last frame marked truncated and drops the rest
 * without encoding it. Thread-safe: every thread of an invocation may write at once (a lock, not
 * {@code synchronized}, so that a virtual thread waiting on the socket does not pin its carrier on
 * JDK 21).
 */
final class LogSink {
    private final FrameChannel channel;
    private final String invocationId;
    private final long capBytes;
    private final PrintStream diagnostics;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Frame.Stream, LineBuffer> buffers = new EnumMap<>(Frame.Stream.class);
    private long sentBytes;
    private volatile boolean truncated;
    private volatile boolean closed;
    private boolean reportedBrokenChannel;

    LogSink(FrameChannel channel, String invocationId, long capBytes, PrintStream diagnostics) {
        this.channel = channel;
        this.invocationId = invocationId;
        this.capBytes = capBytes;
        this.diagnostics = diagnostics;
    }

    /** @return whether output written now would be dropped because the cap was reached */
    boolean isTruncated() {
        return truncated;
    }

    /** @return whether the invocation has ended (later output belongs elsewhere) */
    boolean isClosed() {
        return closed;
    }

    /** Appends raw output; complete lines are sent at once, a partial line waits for its end. */
    void write(Frame.Stream stream, byte[] b, int off, int len) {
        if (truncated) {
            return;
        }
        lock.lock();
        try {
            append(stream, b, off, len);
        } finally {
            lock.unlock();
        }
    }

    private void append(Frame.Stream stream, byte[] b, int off, int len) {
        LineBuffer buffer = buffers.computeIfAbsent(stream, s -> new LineBuffer());
        for (int i = off; i < off + len && !truncated; i++) {
            if (b[i] == '\n') {
                emit(stream, buffer.takeLine());
            } else if (buffer.add(b[i])) {
                emit(stream, buffer.takeChunk());
            }
        }
    }

    /** Sends one logger entry, in chunks when it is long. */
    void log(String message) {
        lock.lock();
        try {
            logChunks(message);
        } finally {
            lock.unlock();
        }
    }

    private void logChunks(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        int off = 0;
        do {
            int end = LineBuffer.cut(bytes, off, bytes.length, FrameCodec.MAX_LOG_CHUNK);
            end = end > off ? end : Math.min(bytes.length, off + FrameCodec.MAX_LOG_CHUNK);
            emit(Frame.Stream.LOGGER, new String(bytes, off, end - off, StandardCharsets.UTF_8));
            off = end;
        } while (off < bytes.length && !truncated);
    }

    /** Sends what is left of partial lines; afterwards the router sends stdout/stderr elsewhere. */
    void close() {
        lock.lock();
        try {
            buffers.forEach((stream, buffer) -> {
                if (!buffer.isEmpty()) {
                    emit(stream, buffer.takeChunk());
                }
            });
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    private void emit(Frame.Stream stream, String text) {
        if (truncated) {
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        long room = capBytes - sentBytes;
        if (bytes.length <= room) {
            sentBytes += bytes.length;
            send(new Frame.Log(invocationId, stream, text, false));
            return;
        }
        int fits = LineBuffer.cut(bytes, 0, bytes.length, (int) Math.max(0, room));
        truncated = true;
        sentBytes += fits;
        send(new Frame.Log(invocationId, stream, new String(bytes, 0, fits, StandardCharsets.UTF_8), true));
    }

    private void send(Frame.Log frame) {
        try {
            channel.send(frame);
        } catch (IOException e) {
            // the node is gone; the reader sees the broken channel and ends the worker
            if (!reportedBrokenChannel) {
                reportedBrokenChannel = true;
                diagnostics.println("gust-worker: cannot send log line: " + e);
            }
        }
    }

    /** Bytes of one stream's current line, sent when the line ends or reaches a chunk's size. */
    static final class LineBuffer {
        private final byte[] bytes = new byte[FrameCodec.MAX_LOG_CHUNK + 1];
        private int count;

        /** @return whether the buffer is full and a chunk must be taken */
        boolean add(byte b) {
            bytes[count++] = b;
            return count > FrameCodec.MAX_LOG_CHUNK;
        }

        boolean isEmpty() {
            return count == 0;
        }

        String takeLine() {
            int end = count > 0 && bytes[count - 1] == '\r' ? count - 1 : count;
            String line = new String(bytes, 0, end, StandardCharsets.UTF_8);
            count = 0;
            return line;
        }

        /** Takes the longest prefix that ends on a character boundary and fits a chunk. */
        String takeChunk() {
            int end = cut(bytes, 0, count, FrameCodec.MAX_LOG_CHUNK);
            if (end == 0) {
                end = count; // malformed run of continuation bytes: send it as is
            }
            String chunk = new String(bytes, 0, end, StandardCharsets.UTF_8);
            System.arraycopy(bytes, end, bytes, 0, count - end);
            count -= end;
            return chunk;
        }

        /**
         * @return the largest end in {@code from..to}, at most {@code max} bytes after {@code from},
         *     that does not split a UTF-8 sequence
         */
        static int cut(byte[] b, int from, int to, int max) {
            int end = (int) Math.min(to, (long) from + max);
            if (end == to) {
                return to;
            }
            while (end > from && (b[end] & 0xC0) == 0x80) {
                end--;
            }
            return end;
        }
    }
}
