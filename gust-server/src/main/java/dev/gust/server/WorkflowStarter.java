package dev.gust.server;

import dev.gust.store.WorkflowStore;
import java.util.Optional;

/**
 * Starts workflow executions for the node's triggers (rule and schedule targets, a function's
 * context): the one thing they need of the workflow engine. Starts are idempotent by name, which is
 * what makes a redelivered trigger start its execution once. Implementations are thread-safe.
 */
@FunctionalInterface
interface WorkflowStarter {

    /** A node without workflows: every start finds no such workflow. */
    WorkflowStarter NONE = (workflow, name, input, traceparent, correlationId) ->
            new WorkflowStore.Start.UnknownWorkflow(workflow);

    /**
     * Starts an execution of the workflow's current revision, or finds the one started under
     * {@code name} before, as {@code WorkflowEngine.start} does.
     *
     * @param name unique among the workflow's executions; empty for the new execution's id
     * @param inputJson the execution's input, JSON text
     * @throws IllegalArgumentException when {@code inputJson} is not JSON (nothing is started)
     */
    WorkflowStore.Start start(String workflow, Optional<String> name, String inputJson, String traceparent,
            String correlationId);
}
