package dev.gust.workflow;

import dev.gust.store.WorkflowStore;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/**
 * Runs workflow executions durably: every transition is committed to the {@link WorkflowStore} as
 * history before its effects, Wait states and retries wait on durable timers (no thread blocked), and
 * {@link #start()} continues every running execution from its last checkpoint after a crash.
 *
 * <p>Thread-safe: any thread may call any method. The engine works on the injected scheduler: one
 * execution's transitions are handled one at a time, different executions in parallel.
 */
public interface WorkflowEngine extends AutoCloseable {

    /**
     * @param store where executions, history, timers and tokens live
     * @param tasks runs the Task states' work
     * @param clock the time of events, timers and timeouts
     * @param scheduler runs the engine's work and polls due timers
     * @param intrinsics the intrinsic functions, with their randomness
     * @param jitter the randomness of {@code JitterStrategy: FULL} retry waits
     * @return an engine, not started: call {@link #start()}
     */
    static WorkflowEngine create(WorkflowStore store, TaskRunner tasks, InstantSource clock,
            ScheduledExecutorService scheduler, Intrinsics intrinsics, RandomGenerator jitter) {
        return new Engine(store, tasks, clock, scheduler, new Interpreter(clock, intrinsics, jitter));
    }

    /**
     * Starts an execution of the workflow's current revision. A used name with the same input returns
     * the existing execution; with another input, a {@link WorkflowStore.Start.NameConflict}.
     *
     * @param name unique among the workflow's executions; empty for the new execution's id
     * @param inputJson the execution's input, JSON text
     * @throws IllegalArgumentException when {@code inputJson} is not JSON (nothing is started)
     */
    WorkflowStore.Start start(String workflow, Optional<String> name, String inputJson, String traceparent,
            String correlationId);

    /**
     * Stops a running execution ({@code ABORTED}); tasks in flight finish but their results are dropped.
     *
     * @return false when it had already finished
     */
    boolean stop(String executionId, String error, String cause);

    /**
     * Completes a {@code .waitForTaskToken} task with its result.
     *
     * @throws IllegalArgumentException when {@code outputJson} is not JSON (nothing changes)
     */
    WorkflowStore.TokenResult sendTaskSuccess(String token, String outputJson);

    /** Fails a {@code .waitForTaskToken} task with an error that its Retry and Catch match. */
    WorkflowStore.TokenResult sendTaskFailure(String token, String error, String cause);

    /** Moves the heartbeat deadline of a {@code .waitForTaskToken} task with {@code HeartbeatSeconds}. */
    WorkflowStore.TokenResult sendTaskHeartbeat(String token);

    /** Resumes every running execution from its last checkpoint and begins handling due timers. */
    void start();

    /** Stops handling timers and results; executions stay where their last checkpoint left them. */
    @Override
    void close();
}
