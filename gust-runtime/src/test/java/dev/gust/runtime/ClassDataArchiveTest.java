package dev.gust.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.store.FunctionSpec;
import dev.gust.store.FunctionVersion;
import dev.gust.testing.InMemoryStore;
import dev.gust.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    @TempDir
    Path data;

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private RuntimeConfig config(Path javaCommand) {
        return RuntimeConfig.builder().dataDir(data).javaCommand(javaCommand)
                .workerClasspath(WorkerClasspath.fromCurrentProcess())
                .codeDirectory(sha -> data).store(new InMemoryStore(ManualClock.atEpochOfTests()))
                .scheduler(scheduler).build();
    }

    @Test
    void train_makesAnArchiveThatWorkersMapReadOnly_andTheNextNodeReusesIt() {
        RuntimeConfig config = config(Path.of(System.getProperty("java.home"), "bin", "java"));
        Path file = data.resolve("cds/worker-" + ClassDataArchive.key(config) + ".jsa");
        ClassDataArchive archive = ClassDataArchive.at(file);
        assertThat(archive.file()).isEmpty();

        archive.train(config);

        assertThat(archive.file()).contains(file);
        assertThat(file).isRegularFile();
        var command = new WorkerCommand(config, archive);
        assertThat(command.command(version())).contains("-XX:SharedArchiveFile=" + file);
        assertThat(command.readOnlyPaths()).contains(file);
        assertThat(ClassDataArchive.start(config).file()).contains(file);
    }

    @Test
    void train_whenTheTrainingRunFails_leavesWorkersWithoutAnArchive() throws Exception {
        Path fakeJava = Files.writeString(data.resolve("java"), "#!/bin/sh\necho no such jvm >&2\nexit 1\n");
        fakeJava.toFile().setExecutable(true);
        RuntimeConfig config = config(fakeJava);
        ClassDataArchive archive = ClassDataArchive.at(data.resolve("cds/w.jsa"));

        archive.train(config);

        assertThat(archive.file()).isEmpty();
        assertThat(new WorkerCommand(config, archive).command(version())).noneMatch(a -> a.contains("SharedArchiveFile"));
        try (var left = Files.list(data.resolve("cds"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void key_changesWhenTheWorkerClassPathChanges() throws Exception {
        Path jar = Files.writeString(data.resolve("gust-worker.jar"), "one");
        RuntimeConfig one = RuntimeConfig.builder().dataDir(data).workerClasspath(List.of(jar))
                .codeDirectory(s -> data).store(new InMemoryStore(ManualClock.atEpochOfTests()))
                .scheduler(scheduler).build();
        String before = ClassDataArchive.key(one);
        Files.writeString(jar, "a longer jar");
        assertThat(ClassDataArchive.key(one)).isNotEqualTo(before);
    }

    private static FunctionVersion version() {
        var spec = new FunctionSpec("f", "java21", "x.Y", "0".repeat(64), 256, Duration.ofSeconds(3),
                new FunctionSpec.Concurrency(0, 1, 1), Map.of(), true, List.of(),
                FunctionSpec.Async.DEFAULT);
        return new FunctionVersion("app", 1, spec, Instant.EPOCH);
    }
}
