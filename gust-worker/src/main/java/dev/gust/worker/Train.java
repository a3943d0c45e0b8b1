package dev.gust.worker;

import dev.gust.protocol.Frame;
import dev.gust.protocol.FrameChannel;
import dev.gust.sdk.Context;
import dev.gust.sdk.Handler;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A training run for the class-data archive of worker JVMs: one real worker, in this process,
 * loading {@link Sample} through the function class loader and serving a few invocations (an HTTP
 * event and a direct one) from a node played by a thread here. Run by the node with
 * {@code -XX:ArchiveClassesAtExit}; every class a cold worker needs is then in the archive. Runs no
 * user code.
 */
public final class Train {
    private static final String EVENT = """
            {"version":"2.0","routeKey":"GET /hello","rawPath":"/hello","rawQueryString":"name=Ada",
             "headers":{"host":"localhost","user-agent":"train"},"queryStringParameters":{"name":"Ada"},
             "requestContext":{"accountId":"gust","apiId":"train","domainName":"localhost","requestId":"t1",
             "routeKey":"GET /hello","stage":"$default","time":"01/Jan/2026:00:00:00 +0000","timeEpoch":0,
             "http":{"method":"GET","path":"/hello","protocol":"HTTP/1.1","sourceIp":"127.0.0.1","userAgent":"train"}},
             "isBase64Encoded":false}""";

    private Train() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("gust-train-");
        Path socket = dir.resolve("worker.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            var node = Thread.ofPlatform().start(() -> playNode(server));
            Map<String, String> env = new HashMap<>();
            env.put("GUST_SOCKET", socket.toString());
            env.put("GUST_CODE", codeDirectory(dir).toString());
            env.put("GUST_HANDLER", Sample.class.getName());
            env.put("GUST_FUNCTION_NAME", "train");
            env.put("GUST_FUNCTION_VERSION", "1");
            env.put("GUST_MEMORY_MB", "256");
            env.put("GUST_INSTANCE_ID", "train");
            env.put("GUST_USER_ENV", "");
            var diagnostics = new PrintStream(System.err, true, StandardCharsets.UTF_8);
            int status = Main.connectAndRun(env, diagnostics);
            node.join(60_000);
            deleteTree(dir);
            System.exit(status);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Where the function loader finds {@link Sample}: this class's own jar (under lib/) or classes directory. */
    private static Path codeDirectory(Path scratch) throws IOException, URISyntaxException {
        Path source = Path.of(Train.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(source)) {
            return source;
        }
        Path code = Files.createDirectories(scratch.resolve("code/lib"));
        Files.copy(source, code.resolve(source.getFileName()));
        return code.getParent();
    }

    private static void playNode(ServerSocketChannel server) {
        try (FrameChannel channel = FrameChannel.of(server.accept())) {
            expect(channel, Frame.Hello.class);
            expect(channel, Frame.Ready.class);
            for (int i = 0; i < 20; i++) {
                String payload = i % 2 == 0 ? EVENT : "{\"name\":\"Ada\",\"n\":" + i + "}";
                channel.send(new Frame.Invoke("t" + i, 10_000, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                        "train", payload.getBytes(StandardCharsets.UTF_8)));
                expect(channel, Frame.Result.class);
            }
            channel.send(new Frame.Shutdown());
        } catch (IOException e) {
            throw new IllegalStateException("training run broke: " + e, e);
        }
    }

    private static void expect(FrameChannel channel, Class<? extends Frame> type) throws IOException {
        for (Optional<Frame> f = channel.receive(); f.isPresent(); f = channel.receive()) {
            if (type.isInstance(f.get())) {
                return;
            }
            if (f.get() instanceof Frame.InitFailed failed) {
                throw new IllegalStateException("training handler failed: " + failed.error());
            }
        }
        throw new IOException("the worker hung up before " + type.getSimpleName());
    }

    /** The training handler: reads an event or a plain object, logs, answers a map. */
    public static final class Sample implements Handler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handle(Map<String, Object> input, Context context) {
            context.logger().log("training " + context.invocationId());
            System.out.println("training output");
            return Map.of("message", "Hello, " + input.getOrDefault("name", "world"), "remainingMs",
                    context.remainingTime().toMillis());
        }
    }
}
