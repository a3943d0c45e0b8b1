package dev.gust.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.runtime.Sandbox.LaunchSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A node data directory with one function's code in it, outside {@code /tmp} (as a real node's usually
 * is), and helpers to run a command in a sandbox to its end.
 */
final class SandboxFixture implements AutoCloseable {
    static final long WAIT_SECONDS = 30;
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** Blocking reads get their own threads: the common pool has one thread on a 2-core machine. */
    private static final Executor READERS = runnable -> Thread.ofVirtual().start(runnable);

    final Path dataDir;
    final Path codeDir;

    SandboxFixture() throws IOException {
        dataDir = Path.of("target", "sandbox-tests", UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        codeDir = Files.createDirectories(dataDir.resolve("code").resolve("fn1"));
        Files.writeString(codeDir.resolve("handler.txt"), "code");
    }

    /** @return a spec running {@code sh -c script} with 256 MB and the network allowed */
    LaunchSpec shell(String script) throws IOException {
        return spec(List.of("/bin/sh", "-c", script), Map.of("PATH", "/usr/bin:/bin"), 256, true);
    }

    LaunchSpec spec(List<String> command, Map<String, String> env, int memoryMb, boolean network) throws IOException {
        String id = "i" + INSTANCES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
        Path runDir = Sandboxes.createRunDir(dataDir, id);
        return new LaunchSpec(id, command, env, codeDir, runDir, List.of(), memoryMb, network);
    }

    /** The whole run of a process: how it ended and what it wrote. */
    record Result(SandboxedProcess.Exit exit, String stdout, String stderr) {
    }

    /** Launches {@code spec}, drains its output and waits (bounded) for it to end. */
    static Result run(Sandbox sandbox, LaunchSpec spec) throws Exception {
        return finish(sandbox.launch(spec));
    }

    static Result finish(SandboxedProcess process) throws Exception {
        CompletableFuture<String> out = drain(process.stdout());
        CompletableFuture<String> err = drain(process.stderr());
        SandboxedProcess.Exit exit = process.onExit().get(WAIT_SECONDS, TimeUnit.SECONDS);
        return new Result(exit, out.get(WAIT_SECONDS, TimeUnit.SECONDS), err.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    /** @return the first line {@code process} prints, within the bounded wait */
    static String firstLine(SandboxedProcess process)
            throws InterruptedException, ExecutionException, TimeoutException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.stdout(), StandardCharsets.UTF_8));
        drain(process.stderr());
        return CompletableFuture.supplyAsync(() -> readLine(reader), READERS).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, READERS);
    }

    private static String readLine(BufferedReader reader) {
        try {
            String line = reader.readLine();
            assertThat(line).as("a line of output").isNotNull();
            return line.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        LaunchedProcess.deleteTree(dataDir);
    }
}
