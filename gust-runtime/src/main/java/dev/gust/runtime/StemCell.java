package dev.gust.runtime;

import dev.gust.protocol.Frame;
import dev.gust.protocol.FrameChannel;
import dev.gust.protocol.ProtocolException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One stem cell: a generic worker started in its own sandbox before any function needs it, with an
 * empty code directory (its {@code /var/task}) and no function environment. It connects, warms up
 * and says Hello; then it waits, unread, until a cold start takes it: the {@link Worker} of the new
 * instance adopts its process and channel, links the function's code into the code directory and
 * sends {@code Specialize}. A stem cell is never handed a second function.
 *
 * <p>Threads: {@link #start} runs on its own virtual thread until the Hello; {@link #kill} from any
 * thread. The stem cells' bookkeeping (ready, taken) lives in {@link StemCells} under the node lock.
 */
final class StemCell {
    private static final System.Logger LOG = System.getLogger(StemCell.class.getName());

    /** What a stem cell tells the node. Called without locks held. */
    interface Events {
        /** It said Hello: it can be handed a function. */
        void ready(StemCell cell);

        /** It ended (or could not start) before being handed a function. */
        void lost(StemCell cell, String why);
    }

    /** The sandboxes one stem cell can become: a function's memory limit and whether it has network. */
    record Kind(int memoryMb, boolean network) {
        @Override
        public String toString() {
            return memoryMb + " MB" + (network ? " with network" : "");
        }
    }

    final String id;
    final Kind kind;
    private final Node node;
    private final Events events;
    private final long launchedNanos;
    private volatile SandboxedProcess process;
    private volatile FrameChannel channel;
    private volatile List<OutputDrain> drains = List.of();
    /** Before a hand-over: the JVM's own notices (its native-access warning); the last lines explain a loss. */
    private volatile BiConsumer<String, String> output = (stream, line) -> LOG.log(System.Logger.Level.DEBUG,
            "stem cell {0} {1}: {2}", StemCell.this.id, stream, line);
    private volatile boolean adopted;
    private volatile boolean killed;
    private volatile long readyNanos;

    StemCell(String id, Kind kind, Node node, Events events) {
        this.id = id;
        this.kind = kind;
        this.node = node;
        this.events = events;
        this.launchedNanos = node.ticker().getAsLong();
    }

    /**
     * Launches the process, waits for its Hello, then stays until the process has ended: bubblewrap's
     * {@code --die-with-parent} ties the sandbox to the thread that started it. Blocks; run it on its
     * own platform thread.
     */
    void start() {
        ScheduledFuture<?> guard = node.scheduler().schedule(() -> kill("it did not say Hello within "
                + Worker.START_TIMEOUT.toSeconds() + " s"), Worker.START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            connect();
            awaitHello();
            readyNanos = node.ticker().getAsLong();
            events.ready(this);
        } catch (IOException | RuntimeException e) {
            kill(e.getMessage());
            if (process == null) {
                events.lost(this, "it could not be launched: " + e.getMessage());
            }
        } finally {
            guard.cancel(false);
        }
        var p = process;
        while (p != null && !p.onExit().isDone()) {
            Outcomes.awaitUninterruptibly(p.onExit(), java.time.Duration.ofDays(1));
        }
    }

    /**
     * A stem cell talks to the node over a Unix-domain socket in its run directory, not the FIFOs of
     * {@link WorkerPipes}: it pays for the JVM's first such socket (its {@code SecureRandom}) while it
     * boots, off any request's path, and its first invocation then runs over a channel already warm.
     */
    private void connect() throws IOException {
        Path runDir = Sandboxes.createRunDir(node.config().dataDir(), id);
        Path stage = stageDir();
        LaunchedProcess.deleteTree(stage);
        Files.createDirectories(stage);
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(runDir.resolve(Sandbox.LaunchSpec.SOCKET_NAME)));
            try {
                process = node.sandbox().launch(new Sandbox.LaunchSpec(id, node.command().stemCommand(kind.memoryMb()),
                        node.command().stemEnvironment(kind.memoryMb(), id), stage, runDir,
                        node.command().readOnlyPaths(), kind.memoryMb(), kind.network()));
            } catch (IOException | RuntimeException e) {
                LaunchedProcess.deleteTree(runDir);
                LaunchedProcess.deleteTree(stage);
                throw e;
            }
            process.onExit().whenComplete((exit, x) -> ended(exit, listener));
            drains = List.of(OutputDrain.start(id + "-stdout", process.stdout(), line -> output.accept("stdout", line)),
                    OutputDrain.start(id + "-stderr", process.stderr(), line -> output.accept("stderr", line)));
            if (killed) {
                process.kill();
            }
            SocketChannel socket = listener.accept();
            Files.deleteIfExists(runDir.resolve(Sandbox.LaunchSpec.SOCKET_NAME));
            channel = FrameChannel.of(socket);
        }
    }

    private void awaitHello() throws IOException {
        Optional<Frame> first = channel.receive();
        if (first.isEmpty()) {
            throw new IOException("stem cell " + id + " closed its connection before saying Hello");
        }
        if (!(first.get() instanceof Frame.Hello h) || !h.instanceId().equals(id)) {
            throw new ProtocolException("stem cell " + id + " must say Hello as itself first, said " + first.get());
        }
    }

    private void ended(SandboxedProcess.Exit exit, ServerSocketChannel listener) {
        try {
            listener.close();
        } catch (IOException e) {
            // best effort: the process is gone
        }
        LaunchedProcess.deleteTree(stageDir());
        if (!adopted) {
            var c = channel;
            if (c != null) {
                try {
                    c.close();
                } catch (IOException e) {
                    // gone already
                }
            }
            List<String> tail = drains.stream().flatMap(d -> d.tail().stream()).toList();
            events.lost(this, "it " + Outcomes.describe(exit) + " before being handed a function"
                    + (tail.isEmpty() ? "" : "; its last output: " + String.join(" | ", tail)));
        }
    }

    /** @return the host directory shown to the stem cell as its code directory; empty until a hand-over */
    Path stageDir() {
        return node.config().dataDir().resolve("stage").resolve(id);
    }

    /** How long the stem cell took from launch to its Hello, once ready. */
    long bootNanos() {
        return readyNanos == 0 ? 0 : readyNanos - launchedNanos;
    }

    /**
     * Hands the stem cell to an instance: its output goes to {@code output} from now on, its exit is
     * the instance's business.
     *
     * @return the process, its connection and the drains of its output
     */
    Adopted adopt(BiConsumer<String, String> newOutput) {
        adopted = true;
        output = newOutput;
        return new Adopted(process, channel, drains);
    }

    /** What an instance takes over from a stem cell. */
    record Adopted(SandboxedProcess process, FrameChannel channel, List<OutputDrain> drains) {
    }

    /** Kills the stem cell (not handed over yet) and everything in its sandbox. Idempotent. */
    void kill(String reason) {
        if (!killed) {
            LOG.log(System.Logger.Level.DEBUG, "stopping stem cell {0}: {1}", id, reason);
        }
        killed = true;
        var p = process;
        if (p != null) {
            p.kill();
        }
    }

    /** @return completes when the process has ended, once launched */
    Optional<SandboxedProcess> process() {
        return Optional.ofNullable(process);
    }
}
