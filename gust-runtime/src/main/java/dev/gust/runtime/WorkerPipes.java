package dev.gust.runtime;

import dev.gust.protocol.FrameChannel;
import java.io.Closeable;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * The channel between the node and one worker: two FIFOs in the worker's run directory,
 * {@value #TO_WORKER} and {@value #FROM_WORKER}, named to the worker by {@code GUST_CHANNEL}. Not a
 * Unix-domain socket: a JVM's first such socket initialises a {@code SecureRandom} (the JDK's
 * {@code UnixDomainSockets} keeps one for temporary names), which costs a cold start 20-25 ms.
 *
 * <p>Until the worker's Hello the node holds both FIFOs open for reading and writing, so neither
 * side's open ever waits for the other, and a worker that dies early is noticed through its exit
 * (closing the channel wakes the reader, which must be a platform thread). After the Hello
 * ({@link #connected}) the node holds each FIFO for one direction only, as a socket would: a worker
 * that ends is an end of stream, a write to it fails.
 *
 * <p>Threads: {@link #connected} is called by the reading thread, between frames; {@link #close}
 * from any thread.
 */
final class WorkerPipes implements Closeable {
    static final String TO_WORKER = "to-worker";
    static final String FROM_WORKER = "from-worker";

    private final Path to;
    private final Path from;
    private final FileChannel toBoth;
    private final FileChannel fromBoth;
    private final Switching in;
    private final SwitchingOut out;
    private final FrameChannel channel;

    private WorkerPipes(Path runDir) throws IOException {
        this.to = runDir.resolve(TO_WORKER);
        this.from = runDir.resolve(FROM_WORKER);
        mkfifo(to, from);
        this.toBoth = FileChannel.open(to, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.fromBoth = FileChannel.open(from, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.in = new Switching(Channels.newInputStream(fromBoth));
        this.out = new SwitchingOut(Channels.newOutputStream(toBoth));
        this.channel = new FrameChannel(in, out, this);
    }

    /**
     * Makes the two FIFOs in {@code runDir} and opens them.
     *
     * @throws IOException when they cannot be made
     */
    static WorkerPipes create(Path runDir) throws IOException {
        return new WorkerPipes(runDir);
    }

    /** @return the frame channel over the FIFOs; closing it closes them */
    FrameChannel channel() {
        return channel;
    }

    /**
     * The worker has opened its ends (its Hello arrived): from now on each FIFO is held for one
     * direction only. Call from the reading thread, between frames.
     *
     * @throws IOException when the FIFOs cannot be opened again
     */
    void connected() throws IOException {
        in.target = new FileInputStream(from.toFile());
        out.target = new FileOutputStream(to.toFile());
        fromBoth.close();
        toBoth.close();
        Files.deleteIfExists(to);
        Files.deleteIfExists(from);
    }

    @Override
    public void close() throws IOException {
        closeQuietly(fromBoth);
        closeQuietly(toBoth);
        closeQuietly(in.target);
        closeQuietly(out.target);
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing is best effort: the worker is gone or going
        }
    }

    private static void mkfifo(Path... paths) throws IOException {
        String[] command = new String[paths.length + 3];
        command[0] = "mkfifo";
        command[1] = "-m";
        command[2] = "600";
        for (int i = 0; i < paths.length; i++) {
            command[i + 3] = paths[i].toString();
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("cannot make the worker's FIFOs in " + paths[0].getParent() + ": " + output);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the worker's FIFOs", e);
        }
    }

    /** An input stream whose source changes once, between frames, on the reading thread. */
    private static final class Switching extends InputStream {
        volatile InputStream target;

        Switching(InputStream target) {
            this.target = target;
        }

        @Override
        public int read() throws IOException {
            return target.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return target.read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            target.close();
        }
    }

    /** An output stream whose target changes once, before anything is written to it. */
    private static final class SwitchingOut extends OutputStream {
        volatile OutputStream target;

        SwitchingOut(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }

        @Override
        public void close() throws IOException {
            target.close();
        }
    }
}
