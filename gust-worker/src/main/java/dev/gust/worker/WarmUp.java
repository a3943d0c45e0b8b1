package dev.gust.worker;

import dev.gust.protocol.Frame;
import dev.gust.protocol.FrameChannel;
import dev.gust.protocol.FrameCodec;
import dev.gust.sdk.Context;
import dev.gust.sdk.Handler;
import dev.gust.sdk.HttpRequestEvent;
import dev.gust.sdk.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stem cell does before its {@code Hello}, so that once specialised the handler's class
 * load, init and first invocation cost as little as they can: builds the JSON mapper and its
 * readers and writers for the SDK's HTTP records and for maps, loads two sample handlers through a
 * throwaway {@link FunctionClassLoader}, and runs {@link #ROUNDS} invocations of each through the
 * path a real one takes (frame decode, JSON in, handler, logger, JSON out, result encode) against a
 * channel that discards what it is sent.
 *
 * <p>It leaves nothing a function could see: it runs on the calling thread and starts none, writes
 * no file, sets no system property and touches neither {@code System.out} nor the default time
 * zone or locale. The samples are defined only by the throwaway loader, which is closed; the
 * classes it leaves loaded in the worker's own loader are the worker's, Jackson's and the SDK's,
 * which a fresh worker loads on its first invocation anyway. A fixed amount of work, not a time
 * budget: a couple of hundred milliseconds of CPU on a loaded machine.
 */
final class WarmUp {
    /** Invocations per sample: enough for the C1 compiler to take the hot path (200 calls). */
    static final int ROUNDS = 250;
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final String EVENT = """
            {"version":"2.0","routeKey":"GET /hello","rawPath":"/hello","rawQueryString":"name=Ada",
             "cookies":["a=b"],"headers":{"host":"localhost","user-agent":"warm-up","content-type":"application/json"},
             "queryStringParameters":{"name":"Ada"},"pathParameters":{"id":"7"},
             "requestContext":{"accountId":"gust","apiId":"warm-up","domainName":"localhost","requestId":"w1",
             "routeKey":"GET /hello","stage":"$default","time":"01/Jan/2026:00:00:00 +0000","timeEpoch":0,
             "http":{"method":"GET","path":"/hello","protocol":"HTTP/1.1","sourceIp":"127.0.0.1","userAgent":"warm-up"}},
             "body":"{\\"name\\":\\"Ada\\"}","isBase64Encoded":false}""";
    private static final String OBJECT = "{\"name\":\"Ada\",\"n\":1,\"tags\":[\"a\",\"b\"],\"nested\":{\"ok\":true}}";

    private final JsonCodec json;
    private final InstantSource monotonic;
    private final PrintStream diagnostics;
    private final FrameChannel discard = new FrameChannel(InputStream.nullInputStream(),
            OutputStream.nullOutputStream(), () -> { });
    private final FunctionContext function = new FunctionContext("warm-up", "0", 128, Map.of(), message -> { });

    /**
     * @param json the codec the worker goes on to use, so that its mapper is built and its caches warm
     * @param monotonic the worker's clock
     * @param diagnostics where a failed warm-up is reported
     */
    WarmUp(JsonCodec json, InstantSource monotonic, PrintStream diagnostics) {
        this.json = json;
        this.monotonic = monotonic;
        this.diagnostics = diagnostics;
    }

    /** Runs the warm-up. A failure only costs speed: it is reported and the stem cell carries on. */
    void run() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (FunctionClassLoader loader = FunctionClassLoader.over(List.of(ownLocation()))) {
            thread.setContextClassLoader(loader);
            exercise(loader, HttpSample.class, EVENT);
            exercise(loader, MapSample.class, OBJECT);
            rehearseSpecialize();
            startVirtualThreads();
        } catch (Exception | LinkageError e) {
            diagnostics.println("gust-worker: stem cell warm-up failed; the first invocation will be slower: " + e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Reads a sample function environment the way a Specialize is read, so that the real one does
     * not pay for loading and linking that code. Pure: it changes nothing.
     */
    private static void rehearseSpecialize() throws Exception {
        Map<String, String> own = Map.of("GUST_STEM_CELL", "1", "GUST_CODE", "/var/task", "GUST_SOCKET",
                "/run/gust/worker.sock", "GUST_MEMORY_MB", "256", "GUST_INSTANCE_ID", "warm-up", "MALLOC_ARENA_MAX", "2");
        Map<String, String> function = Map.of("GUST_HANDLER", MapSample.class.getName() + "::handle",
                "GUST_FUNCTION_NAME", "warm-up", "GUST_FUNCTION_VERSION", "1", "GUST_MEMORY_MB", "256",
                "GUST_INSTANCE_ID", "warm-up", "GUST_USER_ENV", "GREETING", "GREETING", "hello", "MALLOC_ARENA_MAX", "2",
                "GUST_LOG_CAP_BYTES", "1048576");
        for (int i = 0; i < 20; i++) {
            WorkerConfig.fromEnvironment(StemCell.environment(own, function));
        }
    }

    /**
     * Starts (and joins) one virtual thread: the first one in a JVM builds the scheduler behind them,
     * which the first invocation would otherwise wait for. A fresh worker has the same scheduler once
     * its first invocation runs, so a function sees no difference.
     */
    private static void startVirtualThreads() throws InterruptedException {
        Thread.ofVirtual().name("gust-warm-up").start(() -> { }).join();
    }

    private static URL ownLocation() {
        return WarmUp.class.getProtectionDomain().getCodeSource().getLocation();
    }

    /** Loads {@code sample} afresh through {@code loader} (not the worker's copy) and invokes it. */
    private void exercise(FunctionClassLoader loader, Class<?> sample, String payload) throws Exception {
        var handlers = new HandlerLoader(loader, function, json);
        HandlerLoader.Plan plan = handlers.plan(HandlerSpec.parse(sample.getName()));
        Entrypoint entrypoint = handlers.start(plan);
        byte[] invoke = body(FrameCodec.encode(new Frame.Invoke("warm-up", 60_000, TRACEPARENT, "warm-up",
                payload.getBytes(StandardCharsets.UTF_8))));
        for (int i = 0; i < ROUNDS; i++) {
            invokeOnce(entrypoint, (Frame.Invoke) FrameCodec.decode(invoke));
        }
    }

    private static byte[] body(byte[] encoded) {
        return Arrays.copyOfRange(encoded, 4, encoded.length);
    }

    private void invokeOnce(Entrypoint entrypoint, Frame.Invoke request) throws IOException {
        var sink = new LogSink(discard, request.invocationId(), WorkerConfig.DEFAULT_LOG_CAP_BYTES, diagnostics);
        var context = new InvocationContext(function, request.invocationId(), request.traceparent(),
                request.correlationId(), monotonic, request.timeoutMillis(), sink::log, new PlatformCalls(discard), json);
        Frame.Result result;
        try {
            result = Frame.Result.success(request.invocationId(), entrypoint.invoke(request.payload(), context));
        } catch (Throwable t) {
            result = Frame.Result.failure(request.invocationId(), Failures.of(t));
        } finally {
            context.end();
            sink.close();
        }
        discard.send(result);
    }

    /** An HTTP handler as most functions are: event in, response out, one log line. */
    public static final class HttpSample implements Handler<HttpRequestEvent, HttpResponse> {
        @Override
        public HttpResponse handle(HttpRequestEvent event, Context context) {
            context.logger().log("warm-up " + context.invocationId() + " " + event.routeKey());
            String body = "{\"hello\":\"" + event.query("name") + "\",\"agent\":\"" + event.header("User-Agent")
                    + "\",\"bytes\":" + event.bodyBytes().length + "}";
            return HttpResponse.of(200, "application/json", body).withHeader("x-warm-up", context.traceId());
        }
    }

    /** A direct handler: a JSON object in, a map out. */
    public static final class MapSample implements Handler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handle(Map<String, Object> input, Context context) {
            var out = new LinkedHashMap<String, Object>(input);
            out.put("function", context.functionName());
            out.put("remainingMs", context.remainingTime().toMillis());
            return out;
        }
    }
}
