package dev.gust.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.store.FunctionSpec;
import dev.gust.store.FunctionVersion;
import dev.gust.testing.InMemoryStore;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The worker's command line and environment. */
class WorkerCommandTest {
    private final java.util.concurrent.ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final RuntimeConfig config = RuntimeConfig.builder()
            .dataDir(Path.of("/data"))
            .javaCommand(Path.of("/opt/jdk/bin/java"))
            .workerClasspath(List.of(Path.of("/lib/gust-worker-1.jar"), Path.of("/lib/jackson-core-2.jar")))
            .workerJvmOptions(List.of("-Dextra=1"))
            .logCapBytes(4096)
            .codeDirectory(sha -> Path.of("/code", sha))
            .store(new InMemoryStore(ManualClock.atEpochOfTests()))
            .scheduler(scheduler)
            .build();
    private final WorkerCommand command = new WorkerCommand(config, ClassDataArchive.at(Path.of("/nonexistent/worker.jsa")));

    @org.junit.jupiter.api.AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void command_startsTheWorkerMainSmallAndFastWithSeventyPercentHeap() {
        List<String> cmd = command.command(version(1024, Map.of()));

        assertThat(cmd.getFirst()).isEqualTo("/opt/jdk/bin/java");
        assertThat(cmd).containsSubsequence("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-XX:-UsePerfData", "-Xss512k", "-Xmx716m", "-XX:MaxMetaspaceSize=128m", "-Dextra=1",
                "-cp", "/lib/gust-worker-1.jar:/lib/jackson-core-2.jar", "dev.gust.worker.Main");
        assertThat(cmd).noneMatch(o -> o.contains("ExitOnOutOfMemoryError"));
        assertThat(cmd.getLast()).isEqualTo("dev.gust.worker.Main");
    }

    @Test
    void environmentPatchFlags_keepTheArchivedModuleGraphUsable_andSilenceUnsafeFromJdk23() {
        assertThat(WorkerCommand.environmentPatchFlags(21)).isEmpty();
        assertThat(WorkerCommand.environmentPatchFlags(22)).isEmpty();
        assertThat(WorkerCommand.environmentPatchFlags(25)).containsExactly("--sun-misc-unsafe-memory-access=allow");
        assertThat(WorkerCommand.environmentPatchFlags(25)).as("either would cost the JVM its archived module graph")
                .noneMatch(f -> f.contains("native-access"));
    }

    @Test
    void environment_namesTheFunctionAndListsOnlyItsOwnVariables() {
        var env = command.environment(version(256, Map.of("B", "2", "A", "1", "GUST_HANDLER", "evil")), "i-abc");

        assertThat(env).containsEntry("GUST_HANDLER", "com.example.Hello")
                .containsEntry("GUST_FUNCTION_NAME", "hello")
                .containsEntry("GUST_FUNCTION_VERSION", "7")
                .containsEntry("GUST_MEMORY_MB", "256")
                .containsEntry("GUST_INSTANCE_ID", "i-abc")
                .containsEntry("GUST_LOG_CAP_BYTES", "4096")
                .containsEntry("GUST_USER_ENV", "A,B")
                .containsEntry("A", "1")
                .containsEntry("B", "2")
                .doesNotContainKeys("PATH", "GUST_CODE", "GUST_CHANNEL");
    }

    @Test
    void readOnlyPaths_areTheJdkHomeAndTheWorkerClassPath() {
        assertThat(command.readOnlyPaths()).containsExactly(Path.of("/opt/jdk"), Path.of("/lib/gust-worker-1.jar"),
                Path.of("/lib/jackson-core-2.jar"));
    }

    @Test
    void heapAndMetaspace_scaleWithMemoryWithinBounds() {
        assertThat(WorkerCommand.heapMb(128)).isEqualTo(89);
        assertThat(WorkerCommand.metaspaceMb(128)).isEqualTo(64);
        assertThat(WorkerCommand.metaspaceMb(10240)).isEqualTo(256);
    }

    private static FunctionVersion version(int memoryMb, Map<String, String> env) {
        var spec = new FunctionSpec("hello", "java21", "com.example.Hello", "abc", memoryMb, Duration.ofSeconds(3),
                new FunctionSpec.Concurrency(0, 1, 1), env, true, List.of(),
                FunctionSpec.Async.DEFAULT);
        return new FunctionVersion("app", 7, spec, Instant.EPOCH);
    }
}
