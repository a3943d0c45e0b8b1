package dev.gust.runtime;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A started sandbox process: the host-side root process (the worker itself, or the outer bubblewrap)
 * with its cgroup and run directory, which are cleaned up once it has exited. Thread-safe.
 */
final class LaunchedProcess implements SandboxedProcess {
    private static final System.Logger LOG = System.getLogger(LaunchedProcess.class.getName());
    private final Process process;
    private final Cgroup cgroup;
    private final CompletableFuture<Exit> exit;

    private LaunchedProcess(Process process, Cgroup cgroup, Path runDir) {
        this.process = process;
        this.cgroup = cgroup;
        this.exit = process.onExit().thenCompose(p -> finish(p.exitValue(), runDir));
    }

    /**
     * Starts {@code builder} with stdin from {@code /dev/null}; on failure removes the cgroup.
     *
     * @throws IOException when the process cannot be started
     */
    static LaunchedProcess start(ProcessBuilder builder, Cgroup cgroup, Path runDir) throws IOException {
        builder.redirectInput(new File("/dev/null"));
        try {
            return new LaunchedProcess(builder.start(), cgroup, runDir);
        } catch (IOException | RuntimeException e) {
            cgroup.remove();
            throw e;
        }
    }

    @Override
    public InputStream stdout() {
        return process.getInputStream();
    }

    @Override
    public InputStream stderr() {
        return process.getErrorStream();
    }

    @Override
    public CompletableFuture<Exit> onExit() {
        return exit;
    }

    @Override
    public void kill() {
        cgroup.killAll();
        // Snapshot first: once the root dies its children are re-parented and no longer found.
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    /** @return the instance's cgroup */
    Cgroup cgroup() {
        return cgroup;
    }

    /** @return the root process's pid on the host */
    long pid() {
        return process.pid();
    }

    private CompletableFuture<Exit> finish(int status, Path runDir) {
        boolean oomKilled = cgroup.oomKilled();
        cgroup.killAll();
        deleteTree(runDir);
        return cgroup.removeAsync().thenApply(ignored -> new Exit(status, oomKilled));
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException gone) {
            // already cleaned up
        } catch (IOException | UncheckedIOException e) {
            // The instance has ended either way; a leftover directory is only litter.
            LOG.log(System.Logger.Level.WARNING, "cannot delete run directory " + dir, e);
        }
    }
}
