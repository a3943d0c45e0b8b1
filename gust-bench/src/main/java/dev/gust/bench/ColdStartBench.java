package dev.gust.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.bench.Stats.Figure;
import dev.gust.server.GustServer;
import dev.gust.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * Cold starts of {@code hello} in three modes side by side, each on its own node started for it:
 * a plain JVM start (the node's worker class-data archive only), a JVM started from the function's
 * AOT cache, and a stem cell. A cold start is the first request to a function at zero instances: a
 * deploy makes a new version (same code, a changed variable), the bench waits until the previous
 * version's instances have stopped (and, for stem cells, until one is ready), then times the request
 * from the client and reads the invocation record's breakdown. Then a burst: 100 concurrent first
 * requests to 10 cold functions on a node with the defaults (stem cells and AOT caches on). The system
 * property {@code gust.bench.cold} picks parts ({@code plain,aot,stem,burst}, all by default).
 */
final class ColdStartBench {
    static final int COLD_STARTS = Integer.getInteger("gust.bench.coldStarts", 50);
    static final int BURST_FUNCTIONS = 10;
    static final int BURST_REQUESTS = 100;
    private static final String[] PARTS = {"queueWaitMs", "sandboxMs", "jvmMs", "handOverMs", "classLoadMs", "initMs"};

    private final Map<String, Figure> figures;
    private final byte[] helloJar;
    private final byte[] sampleEvent;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Object> modes = new LinkedHashMap<>();
    private dev.gust.runtime.SandboxInfo sandbox;
    private final List<Path> dataDirs = new ArrayList<>();

    /**
     * @param helloJar the hello example's code
     * @param sampleEvent its sample event, which the AOT training invokes it with
     */
    ColdStartBench(Map<String, Figure> figures, byte[] helloJar, byte[] sampleEvent) {
        this.figures = figures;
        this.helloJar = helloJar;
        this.sampleEvent = sampleEvent;
    }

    /** @return what each mode's records said, for the JSON report */
    Map<String, Object> run() throws Exception {
        List<String> parts = List.of(System.getProperty("gust.bench.cold", "plain,aot,stem,burst").split(","));
        if (parts.contains("plain")) {
            mode("plain", b -> b.stemCellsMax(0).aotCaches(false), false);
        }
        if (parts.contains("aot")) {
            mode("aot", b -> b.stemCellsMax(0).aotCaches(true), false);
        }
        if (parts.contains("stem")) {
            mode("stem", b -> b.stemCellsMax(2).aotCaches(false), true);
        }
        try {
            if (parts.contains("burst")) {
                burst();
            }
        } finally {
            dataDirs.forEach(ColdStartBench::deleteTree);
        }
        return modes;
    }

    private GustServer start(UnaryOperator<ServerConfig.Builder> options) throws IOException {
        Path data = Files.createTempDirectory("gust-bench-cold-");
        dataDirs.add(data);
        GustServer node = GustServer.start(options.apply(ServerConfig.builder().httpPort(0).adminPort(0).dataDir(data))
                .build());
        sandbox = node.sandbox();
        return node;
    }

    /** @return the sandbox its nodes ran in, once one started */
    dev.gust.runtime.SandboxInfo sandbox() {
        return sandbox;
    }

    private void mode(String mode, UnaryOperator<ServerConfig.Builder> options, boolean stem) throws Exception {
        try (GustServer node = start(options)) {
            var admin = new Admin(node.adminPort(), node.adminToken());
            String expected = switch (mode) {
                case "aot" -> "AOT";
                case "stem" -> "STEM_CELL";
                default -> "PLAIN";
            };
            int round = 0;
            if (mode.equals("aot")) {
                round = awaitAotCache(node, admin);
            }
            List<Double> client = new ArrayList<>();
            Map<String, List<Double>> parts = new LinkedHashMap<>();
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (int i = 0; i < COLD_STARTS; i++) {
                JsonNode cs = coldStart(node, admin, round++, stem, client);
                seen.merge(cs.path("mode").asText("?"), 1, Integer::sum);
                for (String p : PARTS) {
                    parts.computeIfAbsent(p, k -> new ArrayList<>()).add(cs.path(p).asDouble());
                }
            }
            record(mode, client, parts);
            modes.put(mode, Map.of("expectedMode", expected, "modesSeen", seen, "breakdownMedians",
                    medians(client, parts), "largestPart", largest(client, parts)));
        }
    }

    /** The cache is trained in the background after a deploy: wait until the node says it is ready. */
    private int awaitAotCache(GustServer node, Admin admin) throws Exception {
        deploy(admin, "hello", Map.of("BENCH_ROUND", "0"));
        awaitAotCaches(admin, List.of("hello"));
        return 1;
    }

    private static void awaitAotCaches(Admin admin, List<String> functions) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        for (String f : functions) {
            while (!admin.get("/v1/functions/" + f).path("aotCache").asText().equals("ready")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the AOT cache of " + f + " was not made within 180 s: "
                            + admin.get("/v1/functions/" + f).path("aotCache").asText());
                }
                Thread.sleep(100);
            }
        }
    }

    private JsonNode coldStart(GustServer node, Admin admin, int round, boolean stem, List<Double> client)
            throws Exception {
        deploy(admin, "hello", Map.of("BENCH_ROUND", Integer.toString(round)));
        awaitNoInstances(admin, "hello");
        if (stem) {
            awaitStemCell(admin);
        }
        long t0 = System.nanoTime();
        var res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort()
                + "/hello?name=Ada")).build(), HttpResponse.BodyHandlers.ofString());
        client.add((System.nanoTime() - t0) / 1e6);
        if (res.statusCode() != 200 || !res.headers().firstValue("Gust-Cold-Start").orElse("").equals("true")) {
            throw new IllegalStateException("round " + round + " was not a successful cold start: " + res.statusCode()
                    + " " + res.body());
        }
        String id = res.headers().firstValue("Gust-Invocation-Id").orElseThrow();
        JsonNode rec = admin.get("/v1/invocations/" + id);
        if (Boolean.getBoolean("gust.bench.verbose")) {
            System.out.println("cold start record: client " + client.get(client.size() - 1) + " ms, " + rec);
        }
        return rec.path("coldStart");
    }

    private void record(String mode, List<Double> client, Map<String, List<Double>> parts) {
        long[] nanos = client.stream().mapToLong(ms -> (long) (ms * 1e6)).toArray();
        double p50 = Stats.percentile(nanos, 50) / 1e6;
        double p99 = Stats.percentile(nanos, 99) / 1e6;
        figures.put("cold." + mode + ".p50", new Figure("cold start " + mode + ": first request p50 ("
                + client.size() + " starts)", "ms", p50, Stats.min(client), Stats.max(client), client.size()));
        figures.put("cold." + mode + ".p99", new Figure("cold start " + mode + ": first request p99", "ms", p99, p99,
                p99, client.size()));
        parts.forEach((part, values) -> {
            if (Stats.max(values) > 0) {
                figures.put("cold." + mode + "." + part, Figure.of("  " + mode + " median " + part.replace("Ms", ""),
                        "ms", values));
            }
        });
    }

    /**
     * The median of each part, and what is left of the client's median: the first invocation's own
     * run, the gateway and the HTTP round trip.
     */
    private static Map<String, Double> medians(List<Double> client, Map<String, List<Double>> parts) {
        Map<String, Double> m = new LinkedHashMap<>();
        parts.forEach((part, values) -> m.put(part, Stats.median(values)));
        double sum = m.values().stream().mapToDouble(Double::doubleValue).sum();
        m.put("firstInvocationAndHttpMs", Math.max(0, Stats.median(client) - sum));
        return m;
    }

    /** @return the part that holds a mode's cold start back most, e.g. {@code jvmMs 117.2 of 258.0 ms} */
    private static String largest(List<Double> client, Map<String, List<Double>> parts) {
        var m = medians(client, parts);
        var top = m.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        return String.format(java.util.Locale.ROOT, "%s %.1f of %.1f ms", top.getKey(), top.getValue(),
                Stats.median(client));
    }

    /** 100 concurrent first requests, 10 to each of 10 functions at zero instances, on a default node. */
    private void burst() throws Exception {
        try (GustServer node = start(b -> b)) {
            var admin = new Admin(node.adminPort(), node.adminToken());
            deployBurstApp(admin, 0);
            List<String> names = new ArrayList<>();
            for (int f = 0; f < BURST_FUNCTIONS; f++) {
                names.add("burst" + f);
            }
            awaitAotCaches(admin, names);
            awaitStemCell(admin);
            for (int f = 0; f < BURST_FUNCTIONS; f++) {
                awaitNoInstances(admin, "burst" + f);
            }
            List<Callable<double[]>> calls = new ArrayList<>();
            for (int r = 0; r < BURST_REQUESTS; r++) {
                int fn = r % BURST_FUNCTIONS;
                calls.add(() -> timedGet(node.httpPort(), "/burst" + fn));
            }
            List<Double> latencies = new ArrayList<>();
            int failed = 0;
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Future<double[]> f : pool.invokeAll(calls)) {
                    double[] res = f.get();
                    latencies.add(res[0]);
                    failed += res[1] == 200 ? 0 : 1;
                }
            }
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (String f : names) {
                for (JsonNode inv : admin.get("/v1/invocations?function=" + f + "&limit=100").path("invocations")) {
                    if (inv.has("coldStart")) {
                        seen.merge(inv.path("coldStart").path("mode").asText(), 1, Integer::sum);
                    }
                }
            }
            long[] nanos = latencies.stream().mapToLong(ms -> (long) (ms * 1e6)).toArray();
            double p99 = Stats.percentile(nanos, 99) / 1e6;
            double p50 = Stats.percentile(nanos, 50) / 1e6;
            figures.put("cold.burst.p50", new Figure("burst: 100 first requests to 10 cold functions, p50", "ms", p50,
                    Stats.min(latencies), Stats.max(latencies), latencies.size()));
            figures.put("cold.burst.p99", new Figure("burst: 100 first requests to 10 cold functions, p99", "ms", p99,
                    p99, p99, latencies.size()));
            figures.put("cold.burst.failed", new Figure("burst: requests not answered 200", "count", failed, failed,
                    failed, latencies.size()));
            modes.put("burst", Map.of("stemCells", admin.get("/v1/stem-cells"), "coldStartModes", seen));
        }
    }

    private double[] timedGet(int port, String path) throws Exception {
        long t0 = System.nanoTime();
        var res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding());
        return new double[] {(System.nanoTime() - t0) / 1e6, res.statusCode()};
    }

    private void deployBurstApp(Admin admin, int round) throws Exception {
        StringBuilder yaml = new StringBuilder("app: burst\nfunctions:\n");
        for (int f = 0; f < BURST_FUNCTIONS; f++) {
            yaml.append("  burst").append(f).append(":\n").append(function("/burst" + f,
                    Map.of("BENCH_ROUND", Integer.toString(round))));
        }
        admin.deploy(yaml.toString(), Map.of("hello-java.jar", helloJar, "get-hello.json", sampleEvent));
    }

    private void deploy(Admin admin, String name, Map<String, String> env) throws Exception {
        admin.deploy("app: hello\nfunctions:\n  " + name + ":\n" + function("/hello", env),
                Map.of("hello-java.jar", helloJar, "get-hello.json", sampleEvent));
    }

    private static String function(String route, Map<String, String> env) {
        StringBuilder f = new StringBuilder("""
                    runtime: java21
                    handler: dev.gust.examples.hello.Hello
                    code: hello-java.jar
                    memory: 256
                    concurrency: {max: 2, per-instance: 16}
                    sample-event: get-hello.json
                """);
        f.append("    routes: [GET ").append(route).append("]\n");
        f.append("    environment:\n");
        env.forEach((k, v) -> f.append("      ").append(k).append(": \"").append(v).append("\"\n"));
        return f.toString();
    }

    private static void awaitNoInstances(Admin admin, String function) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            int live = 0;
            for (JsonNode n : admin.get("/v1/functions/" + function).path("instances")) {
                live += n.asInt();
            }
            if (live == 0) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the previous version of " + function + " did not drain within 60 s");
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    /** Waits until a stem cell is ready (the pool refills after each hand-over). */
    private static void awaitStemCell(Admin admin) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (readyStemCells(admin.get("/v1/stem-cells")) > 0) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no stem cell became ready within 60 s");
    }

    private static int readyStemCells(JsonNode stemCells) {
        int ready = 0;
        for (JsonNode memoryClass : stemCells.path("stemCells")) {
            ready += memoryClass.path("ready").asInt();
        }
        return ready;
    }
}
