package dev.gust.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.bench.Stats.Figure;
import dev.gust.common.CorrelationIds;
import dev.gust.common.TraceContext;
import dev.gust.store.Execution;
import dev.gust.store.Store;
import dev.gust.store.WorkflowDefinition;
import dev.gust.store.WorkflowStore;
import dev.gust.store.sqlite.SqliteStore;
import dev.gust.workflow.Intrinsics;
import dev.gust.workflow.WorkflowEngine;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Workflow figures: durable transitions per second through a chain of 100 Pass states, and the time
 * of a Map over 1,000 items. On the engine and its SQLite store alone (the Map's Task answered by the
 * engine's caller at once), and on the node, where the Map's Task invokes a deployed function in its
 * sandboxed worker and each execution is started and read through the admin API.
 */
final class WorkflowBench {
    static final int CHAIN = 100;
    static final int ITEMS = 1_000;
    private static final int ROUNDS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Figure> figures;
    private final Admin admin;
    private final HttpClient http = HttpClient.newHttpClient();

    WorkflowBench(Map<String, Figure> figures, Admin admin) {
        this.figures = figures;
        this.admin = admin;
    }

    /** Deploys a trivial function and the two workflows on the node, then measures them there. */
    void runOnNode(byte[] helloJar) throws Exception {
        String yaml = """
                app: bench-workflows
                functions:
                  noop:
                    runtime: java21
                    handler: dev.gust.examples.hello.Hello
                    code: hello-java.jar
                    memory: 256
                    concurrency: {max: 4, per-instance: 8}
                workflows:
                  pass-chain: {definition: pass-chain.asl.json}
                  map-items: {definition: map-items.asl.json}
                """;
        admin.deploy(yaml, Map.of("hello-java.jar", helloJar,
                "pass-chain.asl.json", passChain(CHAIN).getBytes(StandardCharsets.UTF_8),
                "map-items.asl.json", mapOverTask().getBytes(StandardCharsets.UTF_8)));
        onNode("pass-chain", "{}");
        List<Double> chain = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            chain.add(CHAIN * 1e9 / onNode("pass-chain", "{}").toNanos());
        }
        figures.put("wf.passchain.node", Figure.of("workflow: " + CHAIN + "-state Pass chain, on the node",
                "transitions/s", chain));
        String items = items();
        onNode("map-items", items);
        List<Double> map = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            map.add(onNode("map-items", items).toNanos() / 1e9);
        }
        figures.put("wf.map1000", Figure.of("workflow: Map of " + ITEMS + " items over a function, on the node", "s",
                map));
    }

    /** @return from the start until the execution succeeded, by the node's own times */
    private Duration onNode(String workflow, String input) throws Exception {
        String body = JSON.createObjectNode().set("input", JSON.readTree(input)).toString();
        var res = http.send(admin.request("/v1/workflows/" + workflow + "/executions")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 201) {
            throw new IllegalStateException("start of " + workflow + ": " + res.statusCode() + " " + res.body());
        }
        String id = JSON.readTree(res.body()).get("executionId").asText();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            JsonNode e = admin.get("/v1/executions/" + id);
            String status = e.path("status").asText();
            if (status.equals("SUCCEEDED")) {
                return Duration.between(Instant.parse(e.get("startedAt").asText()),
                        Instant.parse(e.get("stoppedAt").asText()));
            }
            if (!status.equals("RUNNING")) {
                throw new IllegalStateException(workflow + " ended " + status + ": " + e.path("error") + " "
                        + e.path("cause"));
            }
            Thread.sleep(20); // a bench polling the API, not a test
        }
        throw new IllegalStateException(workflow + " did not finish in 5 minutes");
    }

    void run(Path dir) throws Exception {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        try (Store store = SqliteStore.open(dir.resolve("gust.db"), InstantSource.system())) {
            store.workflows().putAll("bench", List.of(
                    new WorkflowDefinition("pass-chain", "bench", passChain(CHAIN), InstantSource.system().instant()),
                    new WorkflowDefinition("map-items", "bench", mapOverTask(), InstantSource.system().instant())));
            WorkflowEngine engine = WorkflowEngine.create(store.workflows(),
                    call -> CompletableFuture.completedFuture(call.input()), InstantSource.system(), scheduler,
                    Intrinsics.standard(), new SplittableRandom(7));
            engine.start();
            try {
                measure(engine);
            } finally {
                engine.close();
            }
        } finally {
            scheduler.shutdownNow();
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private void measure(WorkflowEngine engine) throws Exception {
        run(engine, "pass-chain", "{}"); // warm-up
        List<Double> chain = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            chain.add(CHAIN * 1e9 / run(engine, "pass-chain", "{}").toNanos());
        }
        figures.put("wf.passchain", Figure.of("workflow: " + CHAIN + "-state Pass chain, engine alone",
                "transitions/s", chain));
        String items = items();
        run(engine, "map-items", items);
        List<Double> map = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            map.add(run(engine, "map-items", items).toNanos() / 1e9);
        }
        figures.put("wf.map1000.engine", Figure.of("workflow: Map of " + ITEMS + " items, engine alone", "s", map));
    }

    /** @return from the start until the execution succeeded, by the store's own times */
    private static Duration run(WorkflowEngine engine, String workflow, String input) throws Exception {
        var start = engine.start(workflow, Optional.empty(), input, TraceContext.newRoot().traceparent(),
                CorrelationIds.acceptOrCreate(Optional.empty()));
        if (!(start instanceof WorkflowStore.Start.Started started)) {
            throw new IllegalStateException("could not start " + workflow + ": " + start);
        }
        Execution done = engine.finished(started.execution().id()).get(5, TimeUnit.MINUTES);
        if (done.status() != Execution.Status.SUCCEEDED) {
            throw new IllegalStateException(workflow + " ended " + done.status() + ": " + done.error() + " "
                    + done.cause());
        }
        return Duration.between(done.startedAt(), done.stoppedAt().orElseThrow());
    }

    /** @return {@code n} Pass states, each adding its number to the input */
    static String passChain(int n) {
        ObjectNode def = JSON.createObjectNode().put("StartAt", "S0");
        ObjectNode states = def.putObject("States");
        for (int i = 0; i < n; i++) {
            ObjectNode s = states.putObject("S" + i).put("Type", "Pass").put("ResultPath", "$.last");
            s.putObject("Result").put("step", i);
            if (i == n - 1) {
                s.put("End", true);
            } else {
                s.put("Next", "S" + (i + 1));
            }
        }
        return def.toString();
    }

    /** @param resource the Task's resource; the engine-alone run answers every task itself */
    static String mapOverTask(String resource, int maxConcurrency) {
        return """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
                  "MaxConcurrency": %d,
                  "ItemProcessor": {"StartAt": "Call", "States": {
                    "Call": {"Type": "Task", "Resource": "%s", "End": true}}},
                  "ResultSelector": {"count.$": "States.ArrayLength($)"},
                  "End": true}}}""".formatted(maxConcurrency, resource);
    }

    private static String mapOverTask() {
        return mapOverTask("gust:function:noop", 32);
    }

    static String items() {
        ObjectNode input = JSON.createObjectNode();
        ArrayNode items = input.putArray("items");
        for (int i = 0; i < ITEMS; i++) {
            items.addObject().put("n", i);
        }
        return input.toString();
    }
}
