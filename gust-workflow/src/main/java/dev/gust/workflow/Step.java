package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.store.Execution;
import dev.gust.store.HistoryEvent;
import dev.gust.store.TaskToken;
import dev.gust.store.WorkflowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The writes of one transition, gathered before they are committed as one checkpoint. */
final class Step {
    final Instant at;
    private final List<Pending> events = new ArrayList<>();
    private final List<WorkflowStore.Timer> addTimers = new ArrayList<>();
    private final List<String> removeTimers = new ArrayList<>();
    private final List<TaskToken.Issue> tokens = new ArrayList<>();
    private Optional<Execution.Finish> finish = Optional.empty();

    Step(Instant at) {
        this.at = at;
    }

    /** Adds an event about {@code frame}; returns its details to fill in. */
    ObjectNode event(HistoryEvent.Type type, String state, String frame) {
        ObjectNode details = JsonNodeFactory.instance.objectNode().put("frame", frame);
        events.add(new Pending(type, Optional.ofNullable(state), details));
        return details;
    }

    void addTimer(WorkflowStore.Timer timer) {
        addTimers.add(timer);
    }

    void removeTimers(Collection<String> ids) {
        removeTimers.addAll(ids);
    }

    void issue(TaskToken.Issue token) {
        tokens.add(token);
    }

    void finish(Execution.Finish how) {
        finish = Optional.of(how);
    }

    boolean finishes() {
        return finish.isPresent();
    }

    boolean isEmpty() {
        return events.isEmpty() && finish.isEmpty() && removeTimers.isEmpty();
    }

    WorkflowStore.Checkpoint checkpoint() {
        List<HistoryEvent.Draft> drafts = events.stream()
                .map(e -> new HistoryEvent.Draft(e.type, at, e.state, e.details.toString())).toList();
        return new WorkflowStore.Checkpoint(drafts, addTimers, removeTimers, tokens, finish);
    }

    private record Pending(HistoryEvent.Type type, Optional<String> state, ObjectNode details) {
    }

    static ObjectNode error(String error, String cause) {
        return JsonNodeFactory.instance.objectNode().put("Error", error).put("Cause", cause);
    }

    static JsonNode orNull(JsonNode node) {
        return node == null ? JsonNodeFactory.instance.nullNode() : node;
    }
}
