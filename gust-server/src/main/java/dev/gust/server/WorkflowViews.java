package dev.gust.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gust.store.Execution;
import dev.gust.store.HistoryEvent;
import dev.gust.store.WorkflowDefinition;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** JSON shapes of workflows, executions and their history for the admin API. Stateless. */
final class WorkflowViews {
    private WorkflowViews() {
    }

    static Map<String, Object> workflow(WorkflowDefinition d, boolean withDefinition) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("app", d.app());
        m.put("revision", d.revision());
        m.put("createdAt", d.createdAt().toString());
        if (withDefinition) {
            m.put("definition", parse(d.definitionJson()));
        }
        return m;
    }

    static Map<String, Object> execution(Execution e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("executionId", e.id());
        m.put("workflow", e.workflow());
        m.put("name", e.name());
        m.put("status", e.status().name());
        m.put("startedAt", e.startedAt().toString());
        m.put("stoppedAt", e.stoppedAt().map(Instant::toString).orElse(null));
        m.put("parentExecutionId", e.parentExecutionId().orElse(null));
        return m;
    }

    /** The execution with its input, output, error and the states it visited. */
    static Map<String, Object> describe(Execution e, List<HistoryEvent> history, Instant now) {
        Map<String, Object> m = execution(e);
        m.put("revision", e.revision());
        m.put("input", parse(e.input()));
        m.put("output", e.output().map(WorkflowViews::parse).orElse(null));
        m.put("error", e.error().orElse(null));
        m.put("cause", e.cause().orElse(null));
        m.put("durationMs", Duration.between(e.startedAt(), e.stoppedAt().orElse(now)).toMillis());
        m.put("traceparent", e.traceparent());
        m.put("correlationId", e.correlationId());
        m.put("states", states(e, history, now));
        return m;
    }

    static Map<String, Object> event(HistoryEvent h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", h.seq());
        m.put("type", h.type().label());
        m.put("at", h.at().toString());
        m.put("state", h.stateName().orElse(null));
        m.put("details", parse(h.details()));
        return m;
    }

    /** One visit of a state, folded from its events. */
    private static final class Visit {
        final String name;
        final String frame;
        final Instant start;
        Optional<Instant> end = Optional.empty();
        String status = "RUNNING";
        String error;
        int retries;

        Visit(String name, String frame, Instant start) {
            this.name = name;
            this.frame = frame;
            this.start = start;
        }

        Map<String, Object> view(Instant now) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("status", status);
            m.put("startedAt", start.toString());
            m.put("durationMs", Duration.between(start, end.orElse(now)).toMillis());
            m.put("retries", retries);
            m.put("error", error);
            return m;
        }
    }

    /**
     * Each state visit in the order entered: SUCCEEDED once it exited, CAUGHT when a Catch moved on,
     * FAILED (or TIMED_OUT) when the execution ended in it, else RUNNING (or the execution's final status).
     */
    static List<Map<String, Object>> states(Execution e, List<HistoryEvent> history, Instant now) {
        List<Visit> visits = new ArrayList<>();
        Map<String, Visit> open = new LinkedHashMap<>();
        for (HistoryEvent h : history) {
            if (h.stateName().isEmpty()) {
                continue;
            }
            String frame = parse(h.details()).path("frame").asText("");
            String key = frame + "\u0000" + h.stateName().get();
            if (h.type() == HistoryEvent.Type.STATE_ENTERED) {
                Visit v = new Visit(h.stateName().get(), frame, h.at());
                visits.add(v);
                open.put(key, v);
                continue;
            }
            Visit v = open.get(key);
            if (v != null) {
                fold(v, h);
            }
        }
        for (Visit v : open.values()) {
            if (v.status.equals("RUNNING") && e.status().isFinal()) {
                v.status = e.status() == Execution.Status.SUCCEEDED ? "SUCCEEDED" : e.status().name();
                v.end = e.stoppedAt();
                if (v.error == null) {
                    v.error = e.error().orElse(null);
                }
            }
        }
        endedIn(e, visits);
        return visits.stream().map(v -> v.view(now)).toList();
    }

    /** A failed execution failed in its last state, a Fail state too (which exits like any other). */
    private static void endedIn(Execution e, List<Visit> visits) {
        if (visits.isEmpty() || (e.status() != Execution.Status.FAILED && e.status() != Execution.Status.TIMED_OUT)) {
            return;
        }
        Visit last = visits.getLast();
        if (!last.status.equals("CAUGHT")) {
            last.status = e.status().name();
            last.error = e.error().orElse(last.error);
        }
    }

    private static void fold(Visit v, HistoryEvent h) {
        JsonNode d = parse(h.details());
        switch (h.type()) {
            case TASK_FAILED, TASK_TIMED_OUT, MAP_FAILED, PARALLEL_FAILED -> v.error = d.path("Error").asText(null);
            case RETRY_SCHEDULED -> v.retries++;
            case ERROR_CAUGHT -> {
                v.status = "CAUGHT";
                v.error = d.path("Error").asText(v.error);
                v.end = Optional.of(h.at());
            }
            case STATE_EXITED -> {
                if (!v.status.equals("CAUGHT")) {
                    v.status = "SUCCEEDED";
                }
                v.end = Optional.of(h.at());
            }
            default -> { } // scheduling, timers, iterations: no change of status
        }
    }

    static JsonNode parse(String json) {
        try {
            return HttpIo.JSON.readTree(json);
        } catch (IOException e) {
            return JsonNodeFactory.instance.textNode(json);
        }
    }
}
