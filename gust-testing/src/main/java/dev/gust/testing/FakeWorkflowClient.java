package dev.gust.testing;

import dev.gust.sdk.GustCallException;
import dev.gust.sdk.WorkflowClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link WorkflowClient} that keeps every execution a handler starts, for unit tests. A workflow
 * the test did not {@link #declare} does not exist ({@code WorkflowNotFound}). Nothing runs: a test
 * asserts on what was started. Inputs are kept as the handler passed them (no JSON involved), and a
 * named start repeats as the platform's does: the same name with an equal input returns the first
 * execution's id and is not kept again; with another input it fails with
 * {@code ExecutionAlreadyExists}. Execution ids are {@code execution-1}, {@code execution-2}, ...
 * Thread-safe.
 *
 * <pre>{@code
 * TestContext context = TestContext.create();
 * context.workflows().declare("order-saga");
 * handler.handle(order, context);
 * assertThat(context.workflows().started("order-saga")).hasSize(1);
 * }</pre>
 */
public final class FakeWorkflowClient implements WorkflowClient {
    private final Set<String> workflows = ConcurrentHashMap.newKeySet();
    private final Map<String, Started> named = new ConcurrentHashMap<>();
    private final List<Started> started = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    /**
     * One execution a handler started.
     *
     * @param workflow the workflow
     * @param input the input as the handler passed it
     * @param name the name the handler gave, when it gave one
     * @param executionId the id the start answered
     */
    public record Started(String workflow, Object input, Optional<String> name, String executionId) {
    }

    /** Makes {@code workflow} exist. @return this client */
    public FakeWorkflowClient declare(String workflow) {
        workflows.add(Objects.requireNonNull(workflow, "workflow"));
        return this;
    }

    @Override
    public String start(String workflow, Object input) {
        existing(workflow);
        var s = new Started(workflow, input, Optional.empty(), nextId());
        started.add(s);
        return s.executionId();
    }

    @Override
    public String start(String workflow, Object input, String name) {
        existing(workflow);
        if (name == null || name.isEmpty() || name.length() > 80) {
            throw new GustCallException(GustCallException.INVALID_REQUEST,
                    "name: must be 1..80 printable ASCII characters without spaces, was " + name);
        }
        Started first = named.computeIfAbsent(workflow + "\n" + name, k -> {
            var s = new Started(workflow, input, Optional.of(name), nextId());
            started.add(s);
            return s;
        });
        if (!Objects.equals(first.input(), input)) {
            throw new GustCallException(GustCallException.EXECUTION_ALREADY_EXISTS, "execution "
                    + first.executionId() + " of " + workflow + " is named " + name + " and has another input");
        }
        return first.executionId();
    }

    private void existing(String workflow) {
        if (workflow == null || !workflows.contains(workflow)) {
            throw new GustCallException(GustCallException.WORKFLOW_NOT_FOUND, "no workflow named " + workflow
                    + " (declare it on the fake)");
        }
    }

    private String nextId() {
        return "execution-" + ids.incrementAndGet();
    }

    /** @return every execution started so far, in order; a snapshot */
    public List<Started> started() {
        return List.copyOf(started);
    }

    /** @return the executions of {@code workflow}, in order */
    public List<Started> started(String workflow) {
        return started.stream().filter(s -> s.workflow().equals(workflow)).toList();
    }
}
