package dev.gust.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The control group(s) of one sandboxed instance. Thread-safe. */
interface Cgroup {

    /** No group: no limits, nothing to clean up. */
    Cgroup NONE = new Cgroup() {
        @Override
        public List<Path> procsFiles() {
            return List.of();
        }

        @Override
        public boolean oomKilled() {
            return false;
        }

        @Override
        public void killAll() {
        }

        @Override
        public CompletableFuture<Void> removeAsync() {
            return CompletableFuture.completedFuture(null);
        }
    };

    /** @return the files the launcher writes its own pid to, before it execs the worker */
    List<Path> procsFiles();

    /** @return whether the memory limit has killed a process of this group */
    boolean oomKilled();

    /** Kills every process in the group (best effort; a no-op for an empty or removed group). */
    void killAll();

    /** @return completes once the group is removed (or given up on; a busy group is only logged) */
    CompletableFuture<Void> removeAsync();

    /** Removes the group without waiting. */
    default void remove() {
        removeAsync();
    }
}
