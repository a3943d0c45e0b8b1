package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.store.WorkflowStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A task runner for tests: each function of a workflow follows a script, one entry per call (the last
 * one repeats): {@code "echo"} returns the input, {@code "hold"} never completes on its own,
 * {@code {"result": X}} returns X, {@code {"error": E, "cause": C}} fails. Unscripted functions echo.
 */
final class FakeTasks implements TaskRunner {
    final List<TaskCall> calls = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<JsonNode>> held = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, JsonNode>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private volatile WorkflowStore store;

    void attach(WorkflowStore workflows) {
        this.store = workflows;
    }

    /** @param functions function name to script (an array of entries, or one entry) */
    void script(String workflow, Map<String, JsonNode> functions) {
        scripts.put(workflow, Map.copyOf(functions));
    }

    @Override
    public CompletableFuture<JsonNode> run(TaskCall call) {
        calls.add(call);
        String function = call.resource() instanceof TaskResource.Function f ? f.name() : call.resource().text();
        String workflow = store.execution(call.executionId()).orElseThrow().workflow();
        JsonNode script = scripts.getOrDefault(workflow, Map.of()).get(function);
        int n = counts.computeIfAbsent(call.executionId() + "/" + function, k -> new AtomicInteger()).getAndIncrement();
        JsonNode entry = script == null ? null : script.isArray() ? script.get(Math.min(n, script.size() - 1)) : script;
        return outcome(entry, call.input());
    }

    private CompletableFuture<JsonNode> outcome(JsonNode entry, JsonNode input) {
        if (entry == null || entry.asText().equals("echo")) {
            return CompletableFuture.completedFuture(input);
        }
        if (entry.asText().equals("hold")) {
            CompletableFuture<JsonNode> future = new CompletableFuture<>();
            held.add(future);
            return future;
        }
        if (entry.has("error")) {
            return CompletableFuture.failedFuture(new TaskFailure(entry.get("error").asText(), entry.path("cause").asText("")));
        }
        return CompletableFuture.completedFuture(entry.get("result"));
    }

    /** @return the calls of {@code function}, in order */
    List<TaskCall> calls(String function) {
        return calls.stream().filter(c -> c.resource() instanceof TaskResource.Function f && f.name().equals(function)).toList();
    }
}
