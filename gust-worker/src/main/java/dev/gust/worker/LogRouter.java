package dev.gust.worker;

import dev.gust.protocol.Frame;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Knows which invocation the current thread works for. The binding is inherited by threads the
 * handler starts; output from threads outside any invocation, or from an invocation that has
 * ended, goes to the untagged sink. Thread-safe.
 */
final class LogRouter {
    private final InheritableThreadLocal<LogSink> current = new InheritableThreadLocal<>();
    private final LogSink untagged;

    LogRouter(LogSink untagged) {
        this.untagged = untagged;
    }

    /** @return the sink of the current thread's invocation, or the untagged one */
    LogSink current() {
        LogSink sink = current.get();
        return sink == null || sink.isClosed() ? untagged : sink;
    }

    /** Binds the calling thread (and the threads it starts from now on) to an invocation. */
    void bind(LogSink sink) {
        current.set(sink);
    }

    void unbind() {
        current.remove();
    }

    /**
     * @param stream which stream the print stream stands for
     * @return a print stream that sends what is written to the current thread's sink
     */
    PrintStream printStream(Frame.Stream stream) {
        return new CapturingPrintStream(this, stream);
    }

    /** Skips encoding text that a truncated sink would drop anyway, so a flood of output stays cheap. */
    private static final class CapturingPrintStream extends PrintStream {
        private final LogRouter router;

        CapturingPrintStream(LogRouter router, Frame.Stream stream) {
            super(new RoutingStream(router, stream), true, StandardCharsets.UTF_8);
            this.router = router;
        }

        private boolean dropping() {
            return router.current().isTruncated();
        }

        @Override
        public void print(String s) {
            if (!dropping()) {
                super.print(s);
            }
        }

        @Override
        public void println(String s) {
            if (!dropping()) {
                super.println(s);
            }
        }

        @Override
        public void print(Object o) {
            if (!dropping()) {
                super.print(o);
            }
        }

        @Override
        public void println(Object o) {
            if (!dropping()) {
                super.println(o);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (!dropping()) {
                super.write(b, off, len);
            }
        }
    }

    /** The bytes a print stream has encoded, handed to the current sink. */
    private static final class RoutingStream extends OutputStream {
        private final LogRouter router;
        private final Frame.Stream stream;

        RoutingStream(LogRouter router, Frame.Stream stream) {
            this.router = router;
            this.stream = stream;
        }

        @Override
        public void write(int b) {
            router.current().write(stream, new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            router.current().write(stream, b, off, len);
        }
    }
}
