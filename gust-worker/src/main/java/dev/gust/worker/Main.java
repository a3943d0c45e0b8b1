package dev.gust.worker;

import dev.gust.protocol.FrameChannel;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;

/**
 * The worker process: {@code java -cp <worker classpath> dev.gust.worker.Main}, started by a node
 * inside a sandbox, one per function instance.
 *
 * <p>It reads its settings from the environment: {@code GUST_CHANNEL} (the directory, given by the
 * node's sandbox, holding either the FIFOs {@code to-worker} and {@code from-worker} or, for a stem
 * cell, the Unix socket {@code worker.sock}) or else {@code GUST_SOCKET} (a Unix socket: the
 * worker archive's training run and tests),
 * {@code GUST_CODE} (the function's code: a classes root plus {@code *.jar} and {@code lib/*.jar}),
 * {@code GUST_HANDLER} ({@code com.example.Hello} or {@code com.example.Hello::method}),
 * {@code GUST_FUNCTION_NAME}, {@code GUST_FUNCTION_VERSION}, {@code GUST_MEMORY_MB},
 * {@code GUST_INSTANCE_ID}, optionally {@code GUST_LOG_CAP_BYTES} (per-invocation output cap,
 * default 1 MiB) and {@code GUST_USER_ENV} (comma-separated names of the variables the function
 * sees as its environment).
 *
 * <p>Exit status: 0 after {@code Shutdown} or when the node closes the socket; 2 when the socket is
 * unusable or the node breaks the protocol; 3 when the handler cannot be loaded or initialised
 * (after sending {@code InitFailed}); 4 after the function ran out of memory (after sending its
 * result). The process's own stdout and stderr carry only the worker's diagnostics: the function's
 * output is sent over the socket as log frames.
 *
 * <p><b>Stem cells.</b> With {@code GUST_STEM_CELL=1} the worker starts without a function: it needs
 * only {@code GUST_CHANNEL}, {@code GUST_CODE} (the directory the node later links the function's
 * code into) and {@code GUST_INSTANCE_ID}. Before its {@code Hello} it warms up (JSON mapping of
 * HTTP events and results, the function class loader, the invocation path; a fixed amount of work
 * that leaves no file, property, thread or class a function could see), then waits. {@code Shutdown}
 * or the end of the socket end it with status 0, any other frame than {@code Specialize} with 2. The
 * {@code Specialize} frame's environment, plus the stem cell's own {@code GUST_CODE} and
 * {@code GUST_CHANNEL} (or {@code GUST_SOCKET}) and nothing else, becomes the process's environment ({@code System.getenv()},
 * children, {@code getenv(3)}; see {@code ProcessEnvironmentPatch}), and the worker goes on exactly
 * as one started with that environment: {@code Ready} or {@code InitFailed}, then invocations. If
 * the environment cannot be taken over exactly (a malformed name, a variable the JVM read at start
 * such as {@code LANG} or {@code JAVA_TOOL_OPTIONS} with another value, or the patch failing) it
 * sends {@code InitFailed} saying why and exits with status 3. The node starts stem cells (and, so
 * that they do not differ, every worker) on JDK 23+ with
 * {@code --sun-misc-unsafe-memory-access=allow}.
 */
public final class Main {
    private Main() {
    }

    /**
     * Connects to the node and serves until told to stop.
     *
     * @param args ignored
     */
    /** How long the node's channel may take to open; it opens at once unless the node is gone. */
    static final long OPEN_TIMEOUT_SECONDS = 10;

    public static void main(String[] args) {
        var diagnostics = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(connectAndRun(System.getenv(), diagnostics));
    }

    static int connectAndRun(Map<String, String> env, PrintStream diagnostics) {
        return connectAndRun(env, diagnostics, java.time.Duration.ofSeconds(OPEN_TIMEOUT_SECONDS));
    }

    /** @param openTimeout how long the node's FIFOs may take to open */
    static int connectAndRun(Map<String, String> env, PrintStream diagnostics, java.time.Duration openTimeout) {
        String dir = env.get("GUST_CHANNEL");
        boolean hasDir = dir != null && !dir.isBlank();
        if (hasDir && java.nio.file.Files.exists(Path.of(dir, "to-worker"))) {
            return overPipes(Path.of(dir), env, diagnostics, openTimeout);
        }
        String socket = hasDir ? Path.of(dir, "worker.sock").toString() : env.get("GUST_SOCKET");
        if (socket == null || socket.isBlank()) {
            diagnostics.println("gust-worker: GUST_CHANNEL or GUST_SOCKET: one must be set, to the node's channel"
                    + " directory or Unix socket");
            return Worker.EXIT_BROKEN;
        }
        try (FrameChannel channel = FrameChannel.connect(Path.of(socket))) {
            return run(env, channel, diagnostics);
        } catch (IOException e) {
            diagnostics.println("gust-worker: cannot connect to the node at " + socket + ": " + e);
            return Worker.EXIT_BROKEN;
        }
    }

    /**
     * A node's own workers talk to it over two FIFOs in the run directory: {@code to-worker} (read
     * here) and {@code from-worker} (written here). Opening a file costs a fresh JVM nothing, unlike its
     * first Unix-domain socket (some 25 ms of {@code SecureRandom} set-up). The node holds both open
     * before starting the worker, so neither open waits.
     */
    private static int overPipes(Path dir, Map<String, String> env, PrintStream diagnostics,
            java.time.Duration openTimeout) {
        // a FIFO's open waits for its other end: if the node died while starting this worker it never comes
        var opened = new java.util.concurrent.CompletableFuture<Pipes>();
        Thread.ofPlatform().daemon().name("gust-channel-open").start(() -> {
            try {
                var in = new FileInputStream(dir.resolve("to-worker").toFile());
                try {
                    opened.complete(new Pipes(in, new FileOutputStream(dir.resolve("from-worker").toFile())));
                } catch (IOException e) {
                    closeQuietly(in);
                    throw e;
                }
            } catch (IOException e) {
                opened.completeExceptionally(e);
            }
        });
        FileInputStream in;
        FileOutputStream out;
        try {
            Pipes pipes = opened.get(openTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            in = pipes.in();
            out = pipes.out();
        } catch (java.util.concurrent.TimeoutException e) {
            diagnostics.println("gust-worker: the node's channel in GUST_CHANNEL=" + dir + " did not open within "
                    + openTimeout.toMillis() + " ms: the node is gone");
            return Worker.EXIT_BROKEN;
        } catch (java.util.concurrent.ExecutionException e) {
            diagnostics.println("gust-worker: cannot open the node's channel in GUST_CHANNEL=" + dir + ": "
                    + e.getCause());
            return Worker.EXIT_BROKEN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Worker.EXIT_BROKEN;
        }
        try (FrameChannel channel = new FrameChannel(in, out, () -> {
            closeQuietly(in);
            out.close();
        })) {
            return run(env, channel, diagnostics);
        } catch (IOException e) {
            return Worker.EXIT_OK; // closing after the node went away
        }
    }

    /** The two ends of the node's channel, as this worker opened them. */
    private record Pipes(FileInputStream in, FileOutputStream out) {
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing more to do: the worker is ending
        }
    }

    /**
     * Runs a worker over an open channel, with {@code System.out} and {@code System.err} redirected
     * to the channel while it runs. A stem cell replaces this process's environment when it
     * specialises.
     *
     * @param env the settings (see the class comment; {@code GUST_SOCKET} is not read)
     * @param channel the channel to the node
     * @param diagnostics where the worker's own problems are written
     * @return the exit status
     */
    public static int run(Map<String, String> env, FrameChannel channel, PrintStream diagnostics) {
        return new Worker(env, channel, diagnostics, InstantSource.system(), MonotonicClock.create(), true,
                ProcessEnvironmentPatch.create()).run();
    }
}
