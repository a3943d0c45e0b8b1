package dev.gust.runtime;

import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/** One worker process started by a {@link Sandbox}. Thread-safe. */
interface SandboxedProcess {

    /** @return the process's stdout (JVM-level output; user output goes over the channel) */
    InputStream stdout();

    /** @return the process's stderr */
    InputStream stderr();

    /** @return completes with the exit status when the process (and its sandbox) has ended */
    CompletableFuture<Exit> onExit();

    /** Kills the process and everything it started, at once. Idempotent. */
    void kill();

    /**
     * @param status the exit status of the process
     * @param oomKilled whether the memory limit killed it
     */
    record Exit(int status, boolean oomKilled) {
    }
}
