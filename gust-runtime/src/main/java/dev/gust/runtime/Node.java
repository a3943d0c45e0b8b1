package dev.gust.runtime;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * What every instance of a node shares.
 *
 * @param config the node's settings
 * @param sandbox where workers run
 * @param command how workers are launched
 * @param logs where their output goes
 * @param ticker monotonic nanoseconds, for durations (the config's clock gives wall time)
 */
record Node(RuntimeConfig config, Sandbox sandbox, WorkerCommand command, LogSink logs, LongSupplier ticker) {

    ScheduledExecutorService scheduler() {
        return config.scheduler();
    }
}
