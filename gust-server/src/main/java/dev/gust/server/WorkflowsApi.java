package dev.gust.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.gust.common.CorrelationIds;
import dev.gust.common.TraceContext;
import dev.gust.store.Execution;
import dev.gust.store.HistoryEvent;
import dev.gust.store.WorkflowStore;
import dev.gust.workflow.WorkflowEngine;
import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Workflows and their executions: {@code /v1/workflows[/{name}[/executions]]},
 * {@code /v1/executions[/{id}[/history|/stop]]} and {@code /v1/task-tokens/{success|failure|heartbeat}}.
 * Thread-safe.
 */
final class WorkflowsApi {
    static final long MAX_INPUT = 256L * 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,80}");
    private static final int MAX_HISTORY = 10_000;
    private final WorkflowStore store;
    private final WorkflowEngine engine;
    private final InstantSource clock;

    WorkflowsApi(WorkflowStore store, WorkflowEngine engine, InstantSource clock) {
        this.store = store;
        this.engine = engine;
        this.clock = clock;
    }

    /** {@code /v1/workflows...} */
    void workflows(Request req, Response res, Callback cb, List<String> seg, String method) throws IOException {
        if (seg.size() == 1 || (seg.size() == 2 && seg.get(1).isEmpty())) {
            requireMethod(method, "GET");
            HttpIo.json(res, cb, 200, Map.of("workflows", store.list().stream()
                    .map(d -> WorkflowViews.workflow(d, false)).toList()));
            return;
        }
        String name = seg.get(1);
        if (seg.size() == 2) {
            requireMethod(method, "GET");
            HttpIo.json(res, cb, 200, WorkflowViews.workflow(store.get(name)
                    .orElseThrow(() -> unknownWorkflow(name)), true));
        } else if (seg.size() == 3 && seg.get(2).equals("executions")) {
            requireMethod(method, "POST");
            start(req, res, cb, name);
        } else {
            throw noSuchEndpoint(method, seg);
        }
    }

    private void start(Request req, Response res, Callback cb, String workflow) throws IOException {
        JsonNode body = body(req);
        Optional<String> name = optionalText(body, "name").map(WorkflowsApi::validName);
        JsonNode input = body.has("input") ? body.get("input") : HttpIo.JSON.createObjectNode();
        var trace = TraceContext.continueFrom(Optional.ofNullable(req.getHeaders().get("traceparent")));
        String correlation = CorrelationIds.acceptOrCreate(
                Optional.ofNullable(req.getHeaders().get(CorrelationIds.HEADER)));
        if (store.get(workflow).isEmpty()) {
            throw unknownWorkflow(workflow);
        }
        var started = engine.start(workflow, name, input.toString(), trace.traceparent(), correlation);
        res.getHeaders().put("traceparent", trace.traceparent());
        res.getHeaders().put(CorrelationIds.HEADER, correlation);
        switch (started) {
            case WorkflowStore.Start.Started s -> HttpIo.json(res, cb, 201, startView(s.execution()));
            case WorkflowStore.Start.Existing e -> HttpIo.json(res, cb, 200, startView(e.execution()));
            case WorkflowStore.Start.NameConflict c -> throw new ApiException(409, "ExecutionAlreadyExists",
                    "name: the execution " + c.existing().name() + " of " + workflow + " (" + c.existing().id()
                            + ") was started with another input; choose another name or repeat the same input");
            case WorkflowStore.Start.UnknownWorkflow u -> throw unknownWorkflow(u.workflow());
        }
    }

    private static Map<String, Object> startView(Execution e) {
        return Map.of("executionId", e.id(), "startedAt", e.startedAt().toString());
    }

    /** {@code /v1/executions...} */
    void executions(Request req, Response res, Callback cb, List<String> seg, String method) throws IOException {
        if (seg.size() == 1 || (seg.size() == 2 && seg.get(1).isEmpty())) {
            requireMethod(method, "GET");
            var query = new WorkflowStore.Query(HttpIo.query(req, "workflow"), status(req), Optional.empty(),
                    Optional.empty(), InvocationsApi.limit(req, 50, 1000));
            HttpIo.json(res, cb, 200, Map.of("executions", store.executions(query).stream()
                    .map(WorkflowViews::execution).toList()));
            return;
        }
        Execution e = store.execution(seg.get(1)).orElseThrow(() -> ApiException.notFound(
                "no execution with id " + seg.get(1) + "; GET /v1/executions lists them"));
        String sub = seg.size() == 2 ? "" : seg.get(2);
        switch (sub) {
            case "" -> {
                requireMethod(method, "GET");
                HttpIo.json(res, cb, 200, WorkflowViews.describe(e, history(e.id()), clock.instant()));
            }
            case "history" -> {
                requireMethod(method, "GET");
                HttpIo.json(res, cb, 200, Map.of("events", history(e.id()).stream().map(WorkflowViews::event).toList()));
            }
            case "stop" -> {
                requireMethod(method, "POST");
                stop(req, res, cb, e);
            }
            default -> throw noSuchEndpoint(method, seg);
        }
    }

    private List<HistoryEvent> history(String executionId) {
        List<HistoryEvent> all = new ArrayList<>();
        long after = 0;
        for (var page = store.history(executionId, after, 1000); !page.isEmpty() && all.size() < MAX_HISTORY;
                page = store.history(executionId, after, 1000)) {
            all.addAll(page);
            after = page.getLast().seq();
        }
        return all;
    }

    private void stop(Request req, Response res, Callback cb, Execution e) throws IOException {
        JsonNode body = body(req);
        String error = optionalText(body, "error").orElse("Aborted");
        String cause = optionalText(body, "cause").orElse("stopped through the admin API");
        boolean stopped = engine.stop(e.id(), error, cause);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("executionId", e.id());
        out.put("stopped", stopped);
        out.put("status", store.execution(e.id()).map(x -> x.status().name()).orElse(e.status().name()));
        HttpIo.json(res, cb, 200, out);
    }

    /** {@code POST /v1/task-tokens/{success|failure|heartbeat}} */
    void taskTokens(Request req, Response res, Callback cb, List<String> seg, String method) throws IOException {
        requireMethod(method, "POST");
        String what = seg.size() == 2 ? seg.get(1) : "";
        JsonNode body = body(req);
        String token = optionalText(body, "taskToken").orElseThrow(() -> ApiException.badRequest(
                "taskToken: required, the token the task handed out in its input"));
        WorkflowStore.TokenResult result = switch (what) {
            case "success" -> engine.sendTaskSuccess(token, (body.has("output") ? body.get("output")
                    : NullNode.getInstance()).toString());
            case "failure" -> engine.sendTaskFailure(token, optionalText(body, "error").orElse("States.TaskFailed"),
                    optionalText(body, "cause").orElse(""));
            case "heartbeat" -> engine.sendTaskHeartbeat(token);
            default -> throw noSuchEndpoint(method, seg);
        };
        answer(res, cb, token, result);
    }

    private static void answer(Response res, Callback cb, String token, WorkflowStore.TokenResult result) {
        switch (result) {
            case WorkflowStore.TokenResult.Accepted a -> HttpIo.json(res, cb, 200, Map.of("executionId",
                    a.token().executionId(), "state", a.token().stateName()));
            case WorkflowStore.TokenResult.AlreadyCompleted c -> throw new ApiException(409, "TaskAlreadyCompleted",
                    "the task token was completed before (at " + c.token().completedAt().map(Object::toString)
                            .orElse("?") + "); the first completion counts");
            case WorkflowStore.TokenResult.ExecutionClosed c -> throw new ApiException(409, "ExecutionNotRunning",
                    "the execution " + c.token().executionId() + " of this token is " + c.status()
                            + "; nothing waits for the token any more");
            case WorkflowStore.TokenResult.NotFound n -> throw new ApiException(404, "TaskDoesNotExist",
                    "no task token " + abbreviate(token) + " (never issued, or its execution was deleted)");
        }
    }

    // --- input

    private static JsonNode body(Request req) throws IOException {
        byte[] bytes = HttpIo.body(req, MAX_INPUT);
        if (bytes.length == 0) {
            return HttpIo.JSON.createObjectNode();
        }
        JsonNode node;
        try {
            node = HttpIo.JSON.readTree(bytes);
        } catch (IOException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getMessage().lines()
                    .findFirst().orElse(""));
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object");
        }
        return node;
    }

    private static Optional<String> optionalText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest(field + ": must be a string, was " + v.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return Optional.of(v.asText());
    }

    private static String validName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw ApiException.badRequest("name: must be 1..80 characters of A-Z a-z 0-9 _ . : -, was "
                    + abbreviate(name));
        }
        return name;
    }

    private static Optional<Execution.Status> status(Request req) {
        return HttpIo.query(req, "status").map(s -> {
            try {
                return Execution.Status.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("status: must be one of " + List.of(Execution.Status.values())
                        + ", was " + abbreviate(s));
            }
        });
    }

    // --- errors

    private static ApiException unknownWorkflow(String name) {
        return new ApiException(404, "WorkflowNotFound", "no workflow named " + name + "; see GET /v1/workflows");
    }

    private static ApiException noSuchEndpoint(String method, List<String> seg) {
        return ApiException.notFound("no such admin endpoint: " + method + " /v1/" + String.join("/", seg));
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new ApiException(405, "MethodNotAllowed", method + " is not allowed here; allowed: " + allowed);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
