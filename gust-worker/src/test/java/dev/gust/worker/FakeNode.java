package dev.gust.worker;

import static org.awaitility.Awaitility.await;

import dev.gust.protocol.Frame;
import dev.gust.protocol.FrameChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The node's side of a worker for tests: a real Unix socket, a worker running in-process on its own
 * thread (or a child process connecting to {@link #socket()}), and every frame the worker sends.
 */
final class FakeNode implements AutoCloseable {
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Path dir;
    private final ServerSocketChannel server;
    private final List<Frame> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final ByteArrayOutputStream diagnosticBytes = new ByteArrayOutputStream();
    private volatile FrameChannel channel;
    private volatile Thread reader;
    private volatile boolean inProcess;

    private FakeNode() throws IOException {
        dir = Files.createTempDirectory("gust-worker-test");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket()));
    }

    /** @return a node with nothing connected yet */
    static FakeNode listening() throws IOException {
        return new FakeNode();
    }

    /**
     * Starts an in-process worker for {@code handler} with the default test environment.
     *
     * @param overrides variables added to or replacing the defaults
     */
    static FakeNode start(String handler, Map<String, String> overrides) throws IOException {
        return start(handler, overrides, MonotonicClock.create(), false);
    }

    static FakeNode start(String handler, Map<String, String> overrides, InstantSource monotonic,
            boolean captureStdio) throws IOException {
        FakeNode node = listening();
        Map<String, String> env = environment(handler, overrides);
        FrameChannel workerSide = FrameChannel.connect(node.socket());
        var diagnostics = new PrintStream(node.diagnosticBytes, true, StandardCharsets.UTF_8);
        node.inProcess = true;
        Thread.ofPlatform().name("worker-under-test").start(() -> {
            try (workerSide) {
                node.exit.complete(new Worker(env, workerSide, diagnostics, InstantSource.system(), monotonic,
                        captureStdio).run());
            } catch (Throwable t) {
                node.exit.completeExceptionally(t);
            }
        });
        node.accept();
        return node;
    }

    /** @return the default environment of a test worker, with {@code overrides} applied */
    static Map<String, String> environment(String handler, Map<String, String> overrides) {
        var env = new HashMap<String, String>();
        env.put("GUST_CODE", testClasses().toString());
        env.put("GUST_HANDLER", handler);
        env.put("GUST_FUNCTION_NAME", "hello");
        env.put("GUST_FUNCTION_VERSION", "3");
        env.put("GUST_MEMORY_MB", "256");
        env.put("GUST_INSTANCE_ID", "i-test");
        env.putAll(overrides);
        env.values().removeIf(v -> v == null || v.equals("<unset>"));
        return env;
    }

    /** @return the directory the fixtures were compiled to: a function's code directory */
    static Path testClasses() {
        try {
            return Path.of(FakeNode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Path socket() {
        return dir.resolve("worker.sock");
    }

    Path dir() {
        return dir;
    }

    /** Accepts the worker's connection and starts collecting its frames. */
    void accept() throws IOException {
        SocketChannel accepted = server.accept();
        channel = FrameChannel.of(accepted);
        reader = Thread.ofPlatform().name("fake-node-reader").start(this::readAll);
    }

    private void readAll() {
        try {
            for (Optional<Frame> f = channel.receive(); f.isPresent(); f = channel.receive()) {
                received.add(f.get());
            }
        } catch (IOException e) {
            // the worker closed the socket mid-frame or the test closed it: nothing more arrives
        }
    }

    void send(Frame frame) {
        try {
            channel.send(frame);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends an Invoke with a 60 s timeout and returns its id. */
    String startInvoke(String id, String json) {
        send(new Frame.Invoke(id, 60_000, traceparent(), "corr-" + id, json.getBytes(StandardCharsets.UTF_8)));
        return id;
    }

    /** Invokes and waits for the result. */
    Frame.Result invoke(String id, String json) {
        startInvoke(id, json);
        return result(id);
    }

    static String traceparent() {
        return "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    }

    Frame.Result result(String id) {
        return await().atMost(PATIENCE).until(() -> find(Frame.Result.class, r -> r.invocationId().equals(id)),
                Optional::isPresent).orElseThrow();
    }

    <T extends Frame> T first(Class<T> type) {
        return await().atMost(PATIENCE).until(() -> find(type, f -> true), Optional::isPresent).orElseThrow();
    }

    /** @return the first frame after {@code Hello}: Ready or InitFailed */
    Frame startup() {
        return await().atMost(PATIENCE).until(() -> received.stream()
                .filter(f -> f instanceof Frame.Ready || f instanceof Frame.InitFailed).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    <T extends Frame> Optional<T> find(Class<T> type, java.util.function.Predicate<T> test) {
        return received.stream().filter(type::isInstance).map(type::cast).filter(test).findFirst();
    }

    List<Frame> frames() {
        return List.copyOf(received);
    }

    /** @return the log frames of one invocation, in order */
    List<Frame.Log> logs(String invocationId) {
        return received.stream().filter(f -> f instanceof Frame.Log l && l.invocationId().equals(invocationId))
                .map(Frame.Log.class::cast).toList();
    }

    /** @return the texts of one invocation's log frames from one stream */
    List<String> lines(String invocationId, Frame.Stream stream) {
        return logs(invocationId).stream().filter(l -> l.stream() == stream).map(Frame.Log::text).toList();
    }

    int awaitExit() {
        return await().atMost(PATIENCE).until(() -> exit.getNow(null), code -> code != null);
    }

    CompletableFuture<Integer> exit() {
        return exit;
    }

    String diagnostics() {
        return diagnosticBytes.toString(StandardCharsets.UTF_8);
    }

    /** Closes the node's end: to the worker this is EOF. */
    void hangUp() throws IOException {
        channel.close();
    }

    @Override
    public void close() throws Exception {
        if (channel != null) {
            channel.close();
        }
        server.close();
        if (inProcess) {
            awaitExit(); // the worker restores System.out and System.err when it ends
        }
        if (reader != null) {
            reader.join(PATIENCE.toMillis());
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
