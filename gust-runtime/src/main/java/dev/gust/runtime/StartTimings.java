package dev.gust.runtime;

import dev.gust.store.ColdStart;
import java.time.Duration;

/**
 * Where an instance's cold start went.
 *
 * @param mode a new JVM (with or without the function's AOT cache) or a stem cell
 * @param sandbox launching the sandbox and process (zero for a stem cell)
 * @param jvm from the process being spawned to the worker's Hello: namespace set-up inside the
 *     sandbox, JVM boot and the worker connecting (zero for a stem cell)
 * @param handOver linking the code into a stem cell and specialising it, up to loading the handler
 *     (zero for a new JVM)
 * @param classLoad loading the handler and its classes (from Ready)
 * @param init the handler's constructor and {@code init} (from Ready)
 * @param total from deciding to start the instance to its Ready
 */
record StartTimings(ColdStart.Mode mode, Duration sandbox, Duration jvm, Duration handOver, Duration classLoad,
        Duration init, Duration total) {

    /**
     * @return e.g. {@code cold start 412 ms (new JVM; sandbox 20.1 ms, jvm 250.3 ms, class load 30.0 ms, init 12.2 ms)}
     */
    String describe() {
        String start = mode == ColdStart.Mode.STEM_CELL ? "stem cell hand-over " + millis(handOver)
                : "sandbox " + millis(sandbox) + ", jvm " + millis(jvm);
        return "cold start " + total.toMillis() + " ms (" + label() + "; " + start + ", class load " + millis(classLoad)
                + ", init " + millis(init) + ")";
    }

    private String label() {
        return switch (mode) {
            case PLAIN -> "new JVM";
            case AOT -> "new JVM with AOT cache";
            case STEM_CELL -> "stem cell";
        };
    }

    private static String millis(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }

    /** @return the breakdown an invocation that waited {@code queueWait} for this instance records */
    ColdStart coldStart(ColdStart.Reason reason, Duration queueWait) {
        return new ColdStart(mode, reason, queueWait, sandbox, jvm, handOver, classLoad, init);
    }
}
