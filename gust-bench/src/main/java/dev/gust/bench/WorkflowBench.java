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
import java.nio.file.Path;
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
 * Workflow figures on the engine and its SQLite store alone: durable transitions per second through a
 * chain of 100 Pass states, and the time of a Map over 1,000 items whose Task returns its input at
 * once (the engine's own cost; the same Map through the node's functions is measured with the node).
 */
final class WorkflowBench {
    static final int CHAIN = 100;
    static final int ITEMS = 1_000;
    private static final int ROUNDS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Figure> figures;

    WorkflowBench(Map<String, Figure> figures) {
        this.figures = figures;
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
