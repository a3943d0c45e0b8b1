package dev.gust.store.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gust.store.Execution;
import dev.gust.store.HistoryEvent;
import dev.gust.store.TaskToken;
import dev.gust.store.WorkflowDefinition;
import dev.gust.store.WorkflowStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Refuses workflow input the store cannot keep faithfully, before anything is written: every
 * problem at once, each with the field it concerns, in an {@link IllegalArgumentException}.
 */
final class WorkflowChecks {
    /** Strict: text after the value is refused, so what is stored reads back as one value. */
    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private WorkflowChecks() {
    }

    static void putAll(String app, List<WorkflowDefinition> workflows) {
        Problems p = new Problems();
        p.blank("app", app);
        if (workflows == null) {
            p.add("workflows: must be a list, was null");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; workflows != null && i < workflows.size(); i++) {
            definition(p, "workflows[" + i + "]", app, workflows.get(i), names);
        }
        p.throwIfAny();
    }

    private static void definition(Problems p, String path, String app, WorkflowDefinition d, Set<String> names) {
        if (d == null) {
            p.add(path + ": must be a workflow definition, was null");
            return;
        }
        p.blank(path + ".name", d.name());
        if (!names.add(d.name())) {
            p.add(path + ".name: " + d.name() + " appears more than once in one deploy");
        }
        if (!d.app().equals(app)) {
            p.add(path + ".app: must be the deployed app " + app + ", was " + d.app());
        }
        p.json(path + ".definitionJson", d.definitionJson());
        p.instant(path + ".createdAt", d.createdAt());
    }

    static void start(WorkflowStore.StartRequest r) {
        Problems p = new Problems();
        if (r == null) {
            p.add("request: must be present, was null");
            p.throwIfAny();
        }
        p.blank("request.executionId", r.executionId());
        p.blank("request.workflow", r.workflow());
        p.blank("request.name", r.name());
        p.json("request.input", r.input());
        p.instant("request.at", r.at());
        p.notNull("request.traceparent", r.traceparent());
        p.notNull("request.correlationId", r.correlationId());
        p.throwIfAny();
    }

    static void finish(String executionId, Execution.Finish f) {
        Problems p = new Problems();
        p.blank("executionId", executionId);
        finish(p, "finish", f);
        p.throwIfAny();
    }

    private static void finish(Problems p, String path, Execution.Finish f) {
        if (f == null) {
            p.add(path + ": must be present, was null");
            return;
        }
        if (f.status() == null || !Execution.Status.RUNNING.canMoveTo(f.status())) {
            p.add(path + ".status: must be SUCCEEDED, FAILED, TIMED_OUT or ABORTED, was " + f.status());
        }
        if (f.status() == Execution.Status.SUCCEEDED && f.output().isEmpty()) {
            p.add(path + ".output: must be present for SUCCEEDED");
        }
        f.output().ifPresent(o -> p.json(path + ".output", o));
        p.instant(path + ".at", f.at());
    }

    static void append(String executionId, long expectedNextSeq, WorkflowStore.Checkpoint c) {
        Problems p = new Problems();
        p.blank("executionId", executionId);
        if (expectedNextSeq < 2) {
            p.add("expectedNextSeq: must be at least 2 (1 is the start), was " + expectedNextSeq);
        }
        if (c == null) {
            p.add("checkpoint: must be present, was null");
            p.throwIfAny();
        }
        for (int i = 0; i < c.events().size(); i++) {
            event(p, "checkpoint.events[" + i + "]", c.events().get(i));
        }
        for (int i = 0; i < c.addTimers().size(); i++) {
            timer(p, "checkpoint.addTimers[" + i + "]", executionId, c.addTimers().get(i));
        }
        for (int i = 0; i < c.removeTimers().size(); i++) {
            p.blank("checkpoint.removeTimers[" + i + "]", c.removeTimers().get(i));
        }
        for (int i = 0; i < c.issueTokens().size(); i++) {
            token(p, "checkpoint.issueTokens[" + i + "]", c.issueTokens().get(i));
        }
        c.finish().ifPresent(f -> finish(p, "checkpoint.finish", f));
        p.throwIfAny();
    }

    private static void event(Problems p, String path, HistoryEvent.Draft e) {
        if (e == null) {
            p.add(path + ": must be an event, was null");
            return;
        }
        if (e.type() == null || e.type().writtenByStore()) {
            p.add(path + ".type: must be a type the engine writes (the store writes the start and the finish"
                    + " itself: pass Checkpoint.finish), was " + (e.type() == null ? null : e.type().label()));
        }
        p.instant(path + ".at", e.at());
        p.blank(path + ".details", e.details());
    }

    private static void timer(Problems p, String path, String executionId, WorkflowStore.Timer t) {
        if (t == null) {
            p.add(path + ": must be a timer, was null");
            return;
        }
        p.blank(path + ".id", t.id());
        if (t.executionId() == null || !t.executionId().equals(executionId)) {
            p.add(path + ".executionId: must be the appended execution " + executionId + ", was " + t.executionId());
        }
        p.notNull(path + ".dueAt", t.dueAt());
        p.blank(path + ".kind", t.kind());
        p.notNull(path + ".payload", t.payload());
    }

    static void issue(String executionId, TaskToken.Issue issue) {
        Problems p = new Problems();
        p.blank("executionId", executionId);
        token(p, "issue", issue);
        p.throwIfAny();
    }

    private static void token(Problems p, String path, TaskToken.Issue t) {
        if (t == null) {
            p.add(path + ": must be a token, was null");
            return;
        }
        p.blank(path + ".token", t.token());
        p.blank(path + ".stateName", t.stateName());
        if (t.attempt() < 0) {
            p.add(path + ".attempt: must be at least 0, was " + t.attempt());
        }
    }

    static void completion(String token, TaskToken.Outcome outcome, Instant at) {
        Problems p = new Problems();
        p.blank("token", token);
        if (outcome == null) {
            p.add("outcome: must be a Success or a Failure, was null");
        } else if (outcome instanceof TaskToken.Outcome.Success s) {
            p.json("outcome.output", s.output());
        }
        p.instant("at", at);
        p.throwIfAny();
    }

    static void heartbeat(String token, Instant newDeadline) {
        Problems p = new Problems();
        p.blank("token", token);
        p.notNull("newDeadline", newDeadline);
        p.throwIfAny();
    }

    static void query(WorkflowStore.Query q) {
        if (q == null || q.limit() < 1 || q.limit() > Checks.MAX_QUERY_LIMIT) {
            throw new IllegalArgumentException("query.limit: must be 1.." + Checks.MAX_QUERY_LIMIT + ", was "
                    + (q == null ? "no query" : q.limit()));
        }
    }

    static void history(long afterSeq, int limit) {
        if (afterSeq < 0) {
            throw new IllegalArgumentException("afterSeq: must be at least 0, was " + afterSeq);
        }
        Checks.limit(limit);
    }

    static void lease(Instant now, Duration lease, int limit) {
        Problems p = new Problems();
        p.notNull("now", now);
        if (lease == null || lease.isNegative() || lease.isZero()) {
            p.add("lease: must be positive, was " + lease);
        }
        if (limit < 1) {
            p.add("limit: must be at least 1, was " + limit);
        }
        p.throwIfAny();
    }

    static void present(String field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": must be present, was null");
        }
    }

    /** @return the JSON value of text already checked by {@link Problems#json} */
    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Collects problems, each with its path. */
    private static final class Problems {
        private final List<String> problems = new ArrayList<>();

        void add(String problem) {
            problems.add(problem);
        }

        void blank(String path, String value) {
            if (value == null || value.isBlank()) {
                add(path + ": must not be blank");
            }
        }

        void notNull(String path, Object value) {
            if (value == null) {
                add(path + ": must be present, was null");
            }
        }

        void instant(String path, Instant t) {
            if (t == null) {
                add(path + ": must be present, was null");
                return;
            }
            try {
                Columns.nanos(t);
            } catch (ArithmeticException e) {
                add(path + ": must be between the years 1678 and 2261, was " + t);
            }
        }

        void json(String path, String text) {
            if (text == null) {
                add(path + ": must be JSON text, was null");
                return;
            }
            try {
                JsonNode node = JSON.readTree(text);
                if (node == null || node.isMissingNode()) {
                    add(path + ": must be JSON text, was empty");
                }
            } catch (JsonProcessingException e) {
                add(path + ": must be JSON text: " + e.getOriginalMessage());
            }
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
        }
    }
}
