package dev.gust.store.sqlite;

import dev.gust.store.Execution;
import dev.gust.store.HistoryEvent;
import dev.gust.store.Store;
import dev.gust.store.WorkflowDefinition;
import dev.gust.store.WorkflowStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Values and steps for workflow store tests. */
final class WorkflowFixtures {
    static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    static final String PASS = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}";
    static final String WAIT = "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":3600,\"End\":true}}}";

    private WorkflowFixtures() {
    }

    static WorkflowDefinition definition(String name, String json, Instant at) {
        return new WorkflowDefinition(name, "shop", json, at);
    }

    /** Deploys {@code orders} (a Pass) in app {@code shop}. */
    static void deploy(Store store, Instant at) {
        store.workflows().putAll("shop", List.of(definition("orders", PASS, at)));
    }

    static WorkflowStore.StartRequest request(String id, String name, String input, Instant at) {
        return new WorkflowStore.StartRequest(id, "orders", name, input, at, TRACEPARENT, "corr-" + id,
                Optional.empty());
    }

    /** @return a new running execution of {@code orders} */
    static Execution started(Store store, String id, Instant at) {
        var start = store.workflows().start(request(id, "name-" + id, "{\"order\":\"" + id + "\"}", at));
        return ((WorkflowStore.Start.Started) start).execution();
    }

    static HistoryEvent.Draft entered(String state, Instant at) {
        return HistoryEvent.Draft.of(HistoryEvent.Type.STATE_ENTERED, at, state, "{\"input\":{}}");
    }

    static HistoryEvent.Draft exited(String state, Instant at) {
        return HistoryEvent.Draft.of(HistoryEvent.Type.STATE_EXITED, at, state, "{\"output\":{}}");
    }

    static WorkflowStore.Timer timer(String id, String executionId, Instant due) {
        return new WorkflowStore.Timer(id, executionId, due, "wait", "{\"state\":\"W\"}");
    }
}
