package dev.gust.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The cgroup directories of one instance, in one (v2) or several (v1) hierarchies. Thread-safe.
 *
 * @param dirs the instance's directories, one per hierarchy
 * @param oomEvents the file counting OOM kills ({@code memory.events} or {@code memory.oom_control})
 * @param killFile {@code cgroup.kill} (v2, Linux 5.14+), which kills the whole group at once
 */
record CgroupGroup(List<Path> dirs, Path oomEvents, Optional<Path> killFile) implements Cgroup {
    private static final System.Logger LOG = System.getLogger(CgroupGroup.class.getName());
    /** A group is busy for a moment after its last process is killed; rmdir is retried this often. */
    private static final int REMOVE_ATTEMPTS = 200;
    private static final long REMOVE_RETRY_MILLIS = 25;
    /** Killing pid by pid races a fork bomb; each round kills what the previous one let fork. */
    private static final int KILL_ROUNDS = 50;

    @Override
    public List<Path> procsFiles() {
        return dirs.stream().map(d -> d.resolve("cgroup.procs")).toList();
    }

    @Override
    public boolean oomKilled() {
        return CgroupFiles.readKeyed(oomEvents, "oom_kill").orElse(0L) > 0;
    }

    @Override
    public void killAll() {
        if (killFile.isPresent() && CgroupFiles.tryWrite(killFile.get(), "1")) {
            return;
        }
        for (int round = 0; round < KILL_ROUNDS; round++) {
            List<Long> pids = dirs.stream().flatMap(d -> CgroupFiles.pids(d.resolve("cgroup.procs")).stream())
                    .distinct().toList();
            if (pids.isEmpty()) {
                return;
            }
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Override
    public CompletableFuture<Void> removeAsync() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        attemptRemove(REMOVE_ATTEMPTS, done);
        return done;
    }

    private void attemptRemove(int attemptsLeft, CompletableFuture<Void> done) {
        Optional<IOException> busy = removeDirs();
        if (busy.isEmpty()) {
            done.complete(null);
        } else if (attemptsLeft <= 1) {
            LOG.log(System.Logger.Level.WARNING, "cgroup " + dirs + " still busy; left behind", busy.get());
            done.complete(null);
        } else {
            killAll();
            Executor later = CompletableFuture.delayedExecutor(REMOVE_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            later.execute(() -> attemptRemove(attemptsLeft - 1, done));
        }
    }

    /** @return the first failure, if a directory could not be removed yet */
    private Optional<IOException> removeDirs() {
        Optional<IOException> failure = Optional.empty();
        for (Path dir : dirs) {
            try {
                Files.deleteIfExists(dir);
            } catch (NoSuchFileException gone) {
                // removed already
            } catch (IOException e) {
                failure = failure.or(() -> Optional.of(e));
            }
        }
        return failure;
    }
}
