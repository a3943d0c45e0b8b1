package dev.gust.store;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the time of one cold start went, as seen by the invocation that waited for it. Parts that
 * do not apply to the {@link Mode} are zero: a stem cell has no sandbox or JVM start of its own to
 * wait for, only a hand-over; a plain start has no hand-over.
 *
 * @param mode how the instance's JVM came to be
 * @param reason why the invocation found no warm instance with a free slot
 * @param queueWait from acceptance until the invocation was given its (starting) instance
 * @param sandbox making the sandbox and launching the process (plain and AOT starts)
 * @param jvm from the process being spawned to the worker's Hello: JVM boot and connect (plain and AOT)
 * @param handOver staging the code into a stem cell and specialising it, up to loading the handler
 * @param classLoad loading the handler and its classes
 * @param init the handler's constructor and {@code init}
 */
public record ColdStart(Mode mode, Reason reason, Duration queueWait, Duration sandbox, Duration jvm,
        Duration handOver, Duration classLoad, Duration init) {

    public ColdStart {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(queueWait, "queueWait");
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(jvm, "jvm");
        Objects.requireNonNull(handOver, "handOver");
        Objects.requireNonNull(classLoad, "classLoad");
        Objects.requireNonNull(init, "init");
    }

    /** How the instance's JVM came to be. */
    public enum Mode {
        /** a new JVM in a new sandbox, with the node's worker class-data archive at most */
        PLAIN,
        /** a new JVM in a new sandbox, started from the function's own AOT cache */
        AOT,
        /** an already started generic worker of the function's memory class, handed the function */
        STEM_CELL
    }

    /** Why no warm instance could take the invocation. */
    public enum Reason {
        /** the function's current version had no instance yet (a deploy, or the node's start) */
        NEW_VERSION,
        /** every instance was busy: the pool scaled out */
        SCALE_OUT,
        /** the keep-alive policy had stopped the idle instances */
        KEEP_ALIVE,
        /** idle instances were evicted to make room in the node's memory budget */
        EVICTED,
        /** the instances had crashed, run out of memory or been killed for a timeout */
        CRASHED,
        /** the instance was being started ahead of demand (min instances or a pre-warm) */
        PREWARM
    }
}
