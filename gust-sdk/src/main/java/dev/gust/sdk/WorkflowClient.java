package dev.gust.sdk;

/**
 * Starts executions of the node's workflows from inside a function. The execution's start carries
 * the caller's trace (a child span) and correlation id, so every task it runs is found with the
 * caller's logs and traces; each start is recorded as child work ({@code workflow.start}) of the
 * calling invocation.
 *
 * <p>The call returns once the execution is durably started, not when it finishes: follow it with
 * {@code gust wf describe ID} or {@code GET /v1/executions/{id}}. Inputs are serialised as JSON by the
 * worker's mapper, as {@link FunctionClient} does. Thread-safe, until the invocation returns.
 *
 * <pre>{@code
 * String executionId = context.workflows().start("order-saga", order);
 * // at most one execution per order, however often this handler is retried:
 * context.workflows().start("order-saga", order, "order-" + order.id());
 * }</pre>
 */
public interface WorkflowClient {

    /**
     * Starts an execution of {@code workflow}'s current definition, named by its own id.
     *
     * @param workflow the workflow's name
     * @param input the execution's input, at most 256 KB as JSON
     * @return the execution's id
     * @throws GustCallException {@link GustCallException#WORKFLOW_NOT_FOUND},
     *     {@link GustCallException#PAYLOAD_TOO_LARGE}, {@link GustCallException#INVALID_REQUEST}
     */
    String start(String workflow, Object input);

    /**
     * Starts an execution under a name unique among the workflow's executions: a repeat with the same
     * name and the same input returns the first execution's id instead of starting another, which
     * makes a retried handler start its work once.
     *
     * @param workflow the workflow's name
     * @param input the execution's input
     * @param name 1..80 printable ASCII characters without spaces
     * @return the id of the execution (the first one's, on a repeat)
     * @throws GustCallException as {@link #start(String, Object)}, and
     *     {@link GustCallException#EXECUTION_ALREADY_EXISTS} when the name was used with another input
     */
    String start(String workflow, Object input, String name);
}
