package dev.gust.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gust.bench.Stats.Figure;
import dev.gust.examples.hello.Hello;
import dev.gust.gateway.Binding;
import dev.gust.gateway.Gateway;
import dev.gust.gateway.RouteTable;
import dev.gust.server.GustServer;
import dev.gust.server.Listeners;
import dev.gust.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;

/**
 * {@code make bench}: boots a real node, deploys {@code examples/hello-java}, and measures warm
 * latency and throughput through the gateway against an in-process ceiling behind the same Jetty
 * set-up, cold starts with their parts, and the memory of an idle instance. The function runs with
 * {@code max: 4, per-instance: 8}: 32 slots for 32 connections without 32 JVMs on two cores. Every figure is the
 * median over repeated rounds, with its range. Prints a table; writes bench/results/latest.json.
 */
public final class Bench {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int ROUNDS = 5;
    private static final int WARMUP = 2_000;
    private static final int REQUESTS = 2_000;
    private static final int CONNECTIONS = 32;
    private static final double SECONDS = 4;
    private static final int COLD_STARTS = 20;
    private final Path home;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private Map<String, Object> coldStarts = Map.of();
    private dev.gust.runtime.SandboxInfo sandbox;
    /** The node's clock too: the event figures compare the bench's instants with the node's records. */
    private final InstantSource clock = InstantSource.system();
    private GustServer node;
    private Admin admin;
    private String loadBefore;
    private Map<String, Object> keepAlive;

    private Bench(Path home) {
        this.home = home;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getenv().getOrDefault("GUST_HOME", ".")).toAbsolutePath().normalize();
        String only = args.length > 0 ? args[0] : "all";
        if (!List.of("all", "events", "cold").contains(only)) {
            System.err.println("usage: Bench [events|cold]: every figure, or only the event-driven or cold-start ones");
            System.exit(2);
        }
        new Bench(home).run(only);
        System.exit(0);
    }

    /**
     * @param only {@code all}, or {@code events} for only the event-driven figures (queue, bus, async), or
     *     {@code cold} for only the cold starts and the keep-alive simulation, for work on those
     */
    private void run(String only) throws Exception {
        loadBefore = loadAverage();
        if (!only.equals("cold")) {
            nodeFigures(only.equals("events"));
        }
        // each on nodes of its own, started after the shared node has gone so that nothing else runs meanwhile
        if (!only.equals("events")) {
            var cold = new ColdStartBench(figures, helloJar(),
                    Files.readAllBytes(home.resolve("examples/hello-java/events/get-hello.json")));
            coldStarts = cold.run();
            sandbox = sandbox == null ? cold.sandbox() : sandbox;
            if (figures.containsKey("cold.plain.p50")) {
                figures.put("cold.first", figures.get("cold.plain.p50"));
            }
        }
        keepAlive = KeepAliveSimulation.report(); // a simulation: no node needed, seconds of CPU
        report(only.equals("all") ? "latest.json" : only + ".json");
    }

    private void nodeFigures(boolean eventsOnly) throws Exception {
        Path data = Files.createTempDirectory("gust-bench-");
        System.out.println("gust bench: 2 cores, shared and noisy machine; medians of " + ROUNDS + " rounds, [min..max]");
        // stem cells would count in the idle RSS and share the CPU; the cold-start figures run their own nodes
        node = GustServer.start(ServerConfig.builder().minimal().httpPort(0).adminPort(0).dataDir(data).clock(clock)
                .build());
        admin = new Admin(node.adminPort(), node.adminToken());
        sandbox = node.sandbox();
        Server ceiling = ceilingServer();
        try {
            if (!eventsOnly) {
                requestFigures(ceiling);
            }
            // last: its instances would count in the RSS
            new EventBench(admin, clock, figures).run(helloJar(), Files.createTempDirectory("gust-bench-baseline-"));
            var workflows = new WorkflowBench(figures, admin);
            workflows.runOnNode(helloJar());
            workflows.run(Files.createTempDirectory("gust-bench-workflows-"));
        } finally {
            ceiling.stop();
            node.close();
        }
    }

    private void requestFigures(Server ceiling) throws Exception {
        deploy(Map.of());
        latency("gateway", node.httpPort());
        memory();
        throughput("gateway", node.httpPort());
        int ceilingPort = ((org.eclipse.jetty.server.ServerConnector) ceiling.getConnectors()[0]).getLocalPort();
        latency("in-process", ceilingPort);
        throughput("in-process", ceilingPort);
        figures.put("ratio.throughput32", ratio("gateway.rps32", "in-process.rps32"));
        sandboxSetup();
    }

    private Server ceilingServer() throws Exception {
        Gateway gateway = Gateway.create(new InProcessInvoker(new Hello()), InstantSource.system());
        gateway.replaceRoutes(RouteTable.build(List.of(new Binding("GET /hello", "hello", "hello"))).orThrow());
        Server server = Listeners.create("ceiling", "127.0.0.1", 0, gateway.handler());
        server.start();
        return server;
    }

    private static final String PATH = "/hello?name=Ada";

    private void latency(String name, int port) throws Exception {
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        Load.latencies(port, PATH, WARMUP, 1);
        for (int r = 0; r < ROUNDS; r++) {
            long[] nanos = Load.latencies(port, PATH, 200, REQUESTS);
            p50.add(Stats.percentile(nanos, 50) / 1e6);
            p99.add(Stats.percentile(nanos, 99) / 1e6);
        }
        figures.put(name + ".p50", Figure.of(name + " warm p50 (1 conn)", "ms", p50));
        figures.put(name + ".p99", Figure.of(name + " warm p99 (1 conn)", "ms", p99));
    }

    private void throughput(String name, int port) throws Exception {
        String path = PATH;
        List<Double> rps = new ArrayList<>();
        Load.throughput(port, path, CONNECTIONS, 2); // brings up the instances the load needs; not measured
        for (int r = 0; r < 3; r++) {
            rps.add(Load.throughput(port, path, CONNECTIONS, SECONDS));
        }
        figures.put(name + ".rps32", Figure.of(name + " throughput (32 conns)", "req/s", rps));
    }

    private Figure ratio(String a, String b) {
        double r = figures.get(a).median() / figures.get(b).median();
        return new Figure("gateway / in-process throughput", "ratio", r, r, r, 1);
    }

    /** Resident memory of hello's worker JVM, idle and warm after the latency rounds. */
    private void memory() throws IOException {
        List<Double> rss = new ArrayList<>();
        for (long pid : WorkerProcesses.pids()) {
            WorkerProcesses.rssKb(pid).ifPresent(kb -> rss.add(kb / 1024.0));
        }
        if (!rss.isEmpty()) {
            figures.put("idle.rss", Figure.of("idle warm instance RSS", "MB", rss));
        }
    }

    /** What bubblewrap itself costs: starting /bin/true in the same kind of sandbox, against bare. */
    private void sandboxSetup() throws Exception {
        if (!node.sandbox().kind().equals("bwrap")) {
            return;
        }
        List<Double> bare = new ArrayList<>();
        List<Double> bwrap = new ArrayList<>();
        for (int i = 0; i < COLD_STARTS; i++) {
            bare.add(time("/bin/true"));
            bwrap.add(time("bwrap", "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink",
                    "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin", "--proc", "/proc", "--dev", "/dev",
                    "--tmpfs", "/tmp", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent",
                    "/bin/true"));
        }
        List<Double> overhead = new ArrayList<>();
        for (int i = 0; i < bare.size(); i++) {
            overhead.add(bwrap.get(i) - bare.get(i));
        }
        figures.put("cold.sandbox", Figure.of("sandbox set-up (bwrap vs bare exec)", "ms", overhead));
    }

    private static double time(String... command) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor();
        return (System.nanoTime() - t0) / 1e6;
    }

    private void deploy(Map<String, String> env) throws Exception {
        StringBuilder yaml = new StringBuilder("""
                app: hello
                functions:
                  hello:
                    runtime: java21
                    handler: dev.gust.examples.hello.Hello
                    code: hello-java.jar
                    memory: 256
                    concurrency: {max: 2, per-instance: 16}
                    routes: [GET /hello]
                """);
        if (!env.isEmpty()) {
            yaml.append("    environment:\n");
            env.forEach((k, v) -> yaml.append("      ").append(k).append(": \"").append(v).append("\"\n"));
        }
        admin.deploy(yaml.toString(), Map.of("hello-java.jar", helloJar()));
    }

    private byte[] helloJar() throws IOException {
        return Files.readAllBytes(home.resolve("examples/hello-java/target/hello-java.jar"));
    }

    /** The machine is shared: the load around the run says how much to trust it. */
    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private void report(String file) throws IOException {
        System.out.printf("%nload average (1 min): %s before, %s after%n", loadBefore, loadAverage());
        System.out.printf("%n%-48s %10s %22s  %s%n", "figure", "median", "range", "unit");
        figures.values().forEach(f -> System.out.printf("%-48s %10.3f %22s  %s%n", f.name(), f.median(),
                String.format("[%.3f..%.3f]", f.min(), f.max()), f.unit()));
        Targets.print(figures);
        coldStarts.forEach((mode, facts) -> {
            if (facts instanceof Map<?, ?> m && m.containsKey("largestPart")) {
                System.out.println("  cold start " + mode + ": largest part " + m.get("largestPart") + "; modes seen "
                        + m.get("modesSeen"));
            }
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("time", Instant.now().toString());
        out.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "java", System.getProperty("java.version"), "sandbox", sandbox.kind(),
                "cgroups", sandbox.cgroups(), "loadAverage1m", Map.of("before", loadBefore,
                        "after", loadAverage())));
        out.put("figures", figures);
        out.put("coldStarts", coldStarts);
        out.put("targets", Targets.evaluate(figures));
        out.put("keepAlive", keepAlive);
        Path results = home.resolve("bench/results");
        Files.createDirectories(results);
        JSON.writeValue(results.resolve(file).toFile(), out);
        System.out.println("\nwrote " + results.resolve(file));
    }

}
