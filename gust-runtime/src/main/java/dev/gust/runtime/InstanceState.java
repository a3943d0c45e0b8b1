package dev.gust.runtime;

/** The lifecycle of one function instance (a sandboxed worker process). */
public enum InstanceState {
    /** Sandbox and JVM starting, handler loading. */
    STARTING,
    /** Ready, running nothing. */
    IDLE,
    /** Running at least one invocation. */
    BUSY,
    /** Finishing what it runs; takes nothing new. */
    DRAINING,
    /** Stopped: exited, killed, or failed to start. Final. */
    STOPPED
}
