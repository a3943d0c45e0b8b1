package dev.gust.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.bench.Stats.Figure;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The event-driven figures of {@code make bench}, each the median over rounds with its range:
 *
 * <ul>
 *   <li><b>queue throughput end to end</b> at trigger batch sizes 1 and 10: senders post batches
 *       of 10 messages <em>while</em> the trigger consumes them (sending concurrently, not
 *       pre-loaded), and a round ends when the queue holds nothing visible, in flight or delayed;
 *       messages per second over that whole span, with the senders' own rate beside it, and the
 *       CPU used per message by this JVM (node and senders) and by the worker JVMs, which unlike
 *       the rate does not depend on what else the machine runs;</li>
 *   <li><b>publish to target start</b>: one CloudEvent at a time, {@code POST /v1/events} matched
 *       by a rule whose target is a function; from the wall-clock instant before the request is
 *       written to the {@code start} of the target's invocation record (the instant the node's
 *       invoker took the invocation, on the same clock: the node runs in this JVM). The record is
 *       found by the trace id the event was published with;</li>
 *   <li><b>async accept</b>: {@code POST /v1/functions/{name}/invocations} with
 *       {@code Gust-Invocation-Type: event} back to back on one connection until the 202, while
 *       the accepted invocations run.</li>
 * </ul>
 *
 * <p>All three use copies of {@code examples/hello-java}'s handler as trivial functions, one per
 * figure so that one figure's instances and backlog do not serve another.
 */
final class EventBench {
    static final String APP = """
            app: bench-events
            functions:
              consume: {runtime: java21, handler: dev.gust.examples.hello.Hello, code: hello-java.jar, memory: 256,
                        concurrency: {max: 2, per-instance: 16}}
              on-event: {runtime: java21, handler: dev.gust.examples.hello.Hello, code: hello-java.jar, memory: 256}
              accepted: {runtime: java21, handler: dev.gust.examples.hello.Hello, code: hello-java.jar, memory: 256,
                         concurrency: {max: 2, per-instance: 16}}
            queues:
              bench-batch1: {trigger: {function: consume, batch-size: 1}}
              bench-batch10: {trigger: {function: consume, batch-size: 10}}
            rules:
              bench-ping:
                pattern: {type: [bench.ping]}
                targets: [{function: on-event}]
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUEUE_ROUNDS = 3;
    private static final int SENDERS = 4;
    private static final int EVENT_ROUNDS = 5;
    private static final int EVENTS = 100;
    private static final int EVENT_WARMUP = 50;
    private static final int ACCEPT_ROUNDS = 5;
    private static final int ACCEPTS = 500;
    private static final int ACCEPT_WARMUP = 300;
    private static final Duration BOUND = Duration.ofSeconds(120);
    private final Admin admin;
    private final InstantSource clock;
    private final Map<String, Figure> figures;

    /**
     * @param clock the node's own clock, so that a record's start and the bench's instants compare
     * @param figures where the figures go, under keys {@code queue.*}, {@code events.*}, {@code async.*}
     */
    EventBench(Admin admin, InstantSource clock, Map<String, Figure> figures) {
        this.admin = admin;
        this.clock = clock;
        this.figures = figures;
    }

    /** @param scratch a directory for the queue store baseline's own database */
    void run(byte[] helloJar, Path scratch) throws Exception {
        admin.deploy(APP, Map.of("hello-java.jar", helloJar));
        // batch 10 first: its 12,500 messages leave the shared paths (receive, delete, invoke) compiled
        queueThroughput(10, QueueStoreBaseline.DEPTH);
        queueThroughput(1, 2_000);
        new QueueStoreBaseline(scratch).run(figures);
        publishToStart();
        asyncAccept();
    }

    // ---- queue: send -> trigger -> function -> delete

    private void queueThroughput(int batch, int messages) throws Exception {
        String queue = "bench-batch" + batch;
        sendAll(queue, messages / 4); // brings up the instances and warms the paths; not measured
        awaitEmpty(queue);
        List<Double> rate = new ArrayList<>();
        List<Double> sending = new ArrayList<>();
        List<Double> nodeCpu = new ArrayList<>();
        List<Double> workerCpu = new ArrayList<>();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r < QUEUE_ROUNDS; r++) {
            long cpu0 = os.getProcessCpuTime();
            Map<Long, Long> workers0 = WorkerProcesses.cpuNanos();
            long t0 = System.nanoTime();
            long sent = sendAll(queue, messages);
            awaitEmpty(queue);
            long t1 = System.nanoTime();
            nodeCpu.add((os.getProcessCpuTime() - cpu0) / 1e3 / messages);
            workerCpu.add(WorkerProcesses.cpuNanosBetween(workers0, WorkerProcesses.cpuNanos()) / 1e3 / messages);
            rate.add(messages / ((t1 - t0) / 1e9));
            sending.add(messages / ((sent - t0) / 1e9));
        }
        figures.put("queue.batch" + batch, Figure.of("queue e2e, trigger batch " + batch + " (" + messages
                + " msgs)", "msg/s", rate));
        figures.put("queue.batch" + batch + ".send", Figure.of("  sending alone (" + SENDERS
                + " conns, 10 per send)", "msg/s", sending));
        figures.put("queue.batch" + batch + ".cpu.node", Figure.of("  CPU per msg: node JVM (with senders)", "us",
                nodeCpu));
        figures.put("queue.batch" + batch + ".cpu.workers", Figure.of("  CPU per msg: worker JVMs", "us", workerCpu));
    }

    /** Sends {@code messages} (a multiple of 10 per sender) on {@link #SENDERS} connections. @return when the last was answered */
    private long sendAll(String queue, int messages) throws Exception {
        byte[] request = HttpProbe.request("POST", "/v1/queues/" + queue + "/messages",
                Map.of("Authorization", admin.authorization(), "Content-Type", "application/json"), sendBatch());
        int perSender = messages / SENDERS / 10;
        List<Thread> senders = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int s = 0; s < SENDERS; s++) {
            senders.add(Thread.ofPlatform().name("bench-sender-" + s).start(() -> {
                try (HttpProbe probe = new HttpProbe(admin.port())) {
                    for (int i = 0; i < perSender; i++) {
                        check("send to " + queue, probe.call(request), 200, "\"failed\":[]");
                    }
                } catch (IOException | RuntimeException e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread t : senders) {
            t.join(BOUND.toMillis());
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("sending failed: " + failures.getFirst(), failures.getFirst());
        }
        return System.nanoTime();
    }

    private static byte[] sendBatch() {
        StringBuilder b = new StringBuilder("{\"entries\":[");
        for (int i = 0; i < 10; i++) {
            b.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i).append("\",\"body\":\"{\\\"name\\\":\\\"Ada\\\"}\"}");
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Polls the queue's counts every 20 ms (at most 1% of a round; more often, the polling itself
     * took a fifth of the node's CPU) until nothing is visible, in flight or delayed.
     */
    private void awaitEmpty(String queue) throws Exception {
        byte[] request = get("/v1/queues/" + queue);
        long deadline = System.nanoTime() + BOUND.toNanos();
        try (HttpProbe probe = new HttpProbe(admin.port())) {
            while (System.nanoTime() < deadline) {
                JsonNode q = JSON.readTree(probe.call(request).body());
                if (q.path("messages").asLong(-1) == 0 && q.path("inFlight").asLong(-1) == 0
                        && q.path("delayed").asLong(-1) == 0) {
                    return;
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException(queue + " was not emptied by its trigger within " + BOUND.toSeconds() + " s: "
                + admin.get("/v1/queues/" + queue));
    }

    private byte[] get(String path) {
        return HttpProbe.request("GET", path, Map.of("Authorization", admin.authorization()), new byte[0]);
    }

    // ---- event bus: publish -> rule -> target start

    private void publishToStart() throws Exception {
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> acceptP50 = new ArrayList<>();
        try (HttpProbe probe = new HttpProbe(admin.port())) {
            publishRound(probe, EVENT_WARMUP);
            for (int r = 0; r < EVENT_ROUNDS; r++) {
                long[][] round = publishRound(probe, EVENTS);
                p50.add(Stats.percentile(round[0], 50) / 1e6);
                p99.add(Stats.percentile(round[0], 99) / 1e6);
                acceptP50.add(Stats.percentile(round[1], 50) / 1e6);
            }
        }
        figures.put("events.p50", Figure.of("publish -> target start p50", "ms", p50));
        figures.put("events.p99", Figure.of("publish -> target start p99", "ms", p99));
        figures.put("events.accept.p50", Figure.of("  publish until its 202, p50", "ms", acceptP50));
    }

    /** @return per event: [0] publish start to target start, [1] publish start to 202, in ns */
    private long[][] publishRound(HttpProbe probe, int events) throws Exception {
        long[][] out = new long[2][events];
        for (int i = 0; i < events; i++) {
            String trace = HexFormat.of().formatHex(randomBytes(16));
            byte[] request = HttpProbe.request("POST", "/v1/events", Map.of("Authorization", admin.authorization(),
                    "Content-Type", "application/cloudevents+json",
                    "traceparent", "00-" + trace + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01"),
                    ("{\"specversion\":\"1.0\",\"id\":\"bench-" + i + "\",\"source\":\"/bench\",\"type\":\"bench.ping\","
                            + "\"data\":{\"name\":\"Ada\"}}").getBytes(StandardCharsets.UTF_8));
            Instant t0 = clock.instant();
            long n0 = System.nanoTime();
            check("publish", probe.call(request), 202, "accepted");
            out[1][i] = System.nanoTime() - n0;
            out[0][i] = Duration.between(t0, targetStart(probe, trace)).toNanos();
        }
        return out;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // an all-zero id is invalid
        return b;
    }

    /**
     * The start of the target's invocation carrying this trace. Looks first after 20 ms, then every
     * 5 ms, so that the polling itself stays out of the way of the delivery being timed.
     */
    private Instant targetStart(HttpProbe probe, String trace) throws Exception {
        byte[] request = get("/v1/invocations?function=on-event&limit=20");
        Thread.sleep(20);
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode inv : JSON.readTree(probe.call(request).body()).path("invocations")) {
                if (inv.path("traceId").asText().equals(trace)) {
                    return Instant.parse(inv.path("start").asText());
                }
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no invocation of on-event with trace " + trace + " within "
                + BOUND.toSeconds() + " s of its publish");
    }

    // ---- async invoke: accept until the 202

    private void asyncAccept() throws Exception {
        byte[] request = HttpProbe.request("POST", "/v1/functions/accepted/invocations", Map.of("Authorization",
                admin.authorization(), "Gust-Invocation-Type", "event", "Content-Type", "application/json"),
                "{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8));
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        try (HttpProbe probe = new HttpProbe(admin.port())) {
            acceptRound(probe, request, ACCEPT_WARMUP);
            for (int r = 0; r < ACCEPT_ROUNDS; r++) {
                long[] nanos = acceptRound(probe, request, ACCEPTS);
                p50.add(Stats.percentile(nanos, 50) / 1e6);
                p99.add(Stats.percentile(nanos, 99) / 1e6);
            }
        }
        figures.put("async.p50", Figure.of("async invoke until 202, p50", "ms", p50));
        figures.put("async.p99", Figure.of("async invoke until 202, p99", "ms", p99));
    }

    /** Accepts back to back, then waits for the round's last event to run, so rounds start near idle. */
    private long[] acceptRound(HttpProbe probe, byte[] request, int accepts) throws Exception {
        long[] nanos = new long[accepts];
        String last = "";
        for (int i = 0; i < accepts; i++) {
            long t0 = System.nanoTime();
            HttpProbe.Reply reply = probe.call(request);
            nanos[i] = System.nanoTime() - t0;
            check("async invoke", reply, 202, "invocationId");
            last = reply.body();
        }
        awaitRun(idIn(last));
        return nanos;
    }

    private static String idIn(String reply) throws IOException {
        return JSON.readTree(reply).path("invocationId").asText();
    }

    private void awaitRun(String id) throws Exception {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            String status = admin.get("/v1/async-invocations/" + id).path("status").asText();
            if (status.equals("SUCCEEDED")) {
                return;
            }
            if (!status.equals("PENDING")) {
                throw new IllegalStateException("async invocation " + id + " ended " + status);
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("async invocation " + id + " did not run within " + BOUND.toSeconds() + " s");
    }

    private static void check(String what, HttpProbe.Reply reply, int status, String bodyHas) {
        if (reply.status() != status || !reply.body().contains(bodyHas)) {
            throw new IllegalStateException(what + " answered " + reply.status() + " " + reply.body());
        }
    }
}
