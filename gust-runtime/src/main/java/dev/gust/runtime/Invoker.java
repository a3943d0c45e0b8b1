package dev.gust.runtime;

import dev.gust.store.FunctionVersion;
import java.time.Duration;
import java.util.List;

/**
 * Runs invocations on pools of sandboxed worker instances, one pool per function version, scaled
 * from zero to the function's {@code max} and back. Thread-safe: {@link #invoke} is called from
 * many (virtual) threads at once; {@link #activate}, {@link #remove} and {@link #shutdown} from any.
 */
public interface Invoker extends AutoCloseable {

    /**
     * Picks the sandbox ({@link RuntimeConfig#sandbox()}) and starts the keep-alive sweep on the
     * config's scheduler. Workers are launched from {@link RuntimeConfig#workerClasspath()} (see
     * {@link WorkerClasspath#fromCurrentProcess()}).
     *
     * @param config the node's runtime settings
     * @return a started invoker with no functions
     * @throws dev.gust.common.GustException when the sandbox mode asked for cannot work on this host
     */
    static Invoker create(RuntimeConfig config) {
        return DefaultInvoker.create(config);
    }

    /**
     * Runs one invocation and blocks until it has an outcome: a result, an error, a timeout, or a
     * throttle after the configured bounded wait. Never throws for anything a function does.
     *
     * @param request what to run
     * @return the outcome and its record (already handed to the store)
     */
    Invocation invoke(InvocationRequest request);

    /**
     * Makes {@code version} the one new invocations of its function run on. Instances of the
     * previous version finish what they run, then stop; no invocation fails because of the switch.
     * Starts {@code min} instances of the new version.
     *
     * @param version a published version
     */
    void activate(FunctionVersion version);

    /**
     * Stops routing to a function; its instances finish what they run, then stop.
     *
     * @param function a function name
     */
    void remove(String function);

    /** @return a snapshot of every pool */
    List<PoolStats> stats();

    /** @return the stem cells of each memory class in use; empty when stem cells are off */
    default List<StemCellStats> stemCells() {
        return List.of();
    }

    /**
     * @param version a version of a deployed function
     * @return its AOT cache's state: {@code off} (caches are off, or this JDK has none),
     *     {@code training} (queued or being made), {@code ready} (its instances start from it) or
     *     {@code failed} (its instances start plainly)
     */
    default String aotCache(FunctionVersion version) {
        return "off";
    }

    /** @return the sandbox in use and, when it fell back, why */
    SandboxInfo sandbox();

    /**
     * Drains: from now on {@link #invoke} answers {@code Unavailable}; waits up to {@code bound}
     * for running invocations to finish, then stops every worker.
     *
     * @param bound the longest wait for running invocations
     */
    void shutdown(Duration bound);

    /** Same as {@code shutdown(Duration.ofSeconds(30))}. */
    @Override
    default void close() {
        shutdown(Duration.ofSeconds(30));
    }
}
