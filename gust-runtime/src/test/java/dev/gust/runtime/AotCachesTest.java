package dev.gust.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.store.FunctionSpec;
import dev.gust.store.FunctionVersion;
import dev.gust.testing.InMemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache's name, the JDK matrix and the command lines that use a cache; no processes. */
class AotCachesTest {
    private static final Jdk JDK_25 = new Jdk(Path.of("/opt/jdk-25"), "25.0.3", 25);
    @TempDir
    Path data;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private RuntimeConfig config() {
        return RuntimeConfig.builder().dataDir(data).workerClasspath(WorkerClasspath.fromCurrentProcess())
                .codeDirectory(sha -> data).store(new InMemoryStore(java.time.InstantSource.system())).scheduler(scheduler).aotCaches(true).build();
    }

    static FunctionVersion version(int memoryMb, String sha, String handler, Optional<String> event) {
        var spec = new FunctionSpec("hello", "java21", handler, sha, memoryMb, Duration.ofSeconds(10),
                new FunctionSpec.Concurrency(0, 2, 1), Map.of(), true, List.of(), FunctionSpec.Async.DEFAULT, event);
        return new FunctionVersion("app", 1, spec, Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static FunctionVersion base() {
        return version(256, "a".repeat(64), "com.example.Hello", Optional.of("{\"name\":\"Ada\"}"));
    }

    @Test
    void key_isStable_andChangesWithEachInput() {
        var caches = AotCaches.create(config(), JDK_25);
        String key = caches.key(base());

        assertThat(caches.key(base())).isEqualTo(key);
        assertThat(List.of(
                caches.key(version(512, "a".repeat(64), "com.example.Hello", Optional.of("{\"name\":\"Ada\"}"))),
                caches.key(version(256, "b".repeat(64), "com.example.Hello", Optional.of("{\"name\":\"Ada\"}"))),
                caches.key(version(256, "a".repeat(64), "com.example.Bye", Optional.of("{\"name\":\"Ada\"}"))),
                caches.key(version(256, "a".repeat(64), "com.example.Hello", Optional.of("{\"name\":\"Bob\"}"))),
                caches.key(version(256, "a".repeat(64), "com.example.Hello", Optional.empty())),
                AotCaches.create(config(), new Jdk(Path.of("/opt/jdk-25"), "25.0.4", 25)).key(base()),
                AotCaches.create(config(), new Jdk(Path.of("/opt/other-25"), "25.0.3", 25)).key(base()),
                AotCaches.create(config(), new Jdk(Path.of("/opt/jdk-25"), "24.0.2", 24)).key(base())))
                .doesNotContain(key).doesNotHaveDuplicates();
    }

    @Test
    void key_changesWhenTheWorkerJarsChange() throws Exception {
        Path jar = Files.writeString(data.resolve("gust-worker-1.0.jar"), "v1");
        var before = RuntimeConfig.builder().dataDir(data).workerClasspath(List.of(jar)).codeDirectory(sha -> data)
                .store(new InMemoryStore(java.time.InstantSource.system())).scheduler(scheduler).build();
        String key = AotCaches.create(before, JDK_25).key(base());

        Files.writeString(jar, "version two");

        assertThat(AotCaches.create(before, JDK_25).key(base())).isNotEqualTo(key);
    }

    @Test
    void jdk_versionMatrix() {
        assertThat(Jdk.feature("25.0.3")).isEqualTo(25);
        assertThat(Jdk.feature("24-ea")).isEqualTo(24);
        assertThat(Jdk.feature("21.0.9+10")).isEqualTo(21);
        assertThat(Jdk.feature("1.8.0_402")).isEqualTo(8);
        assertThat(Jdk.versionInRelease("IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"25.0.3\"\n")).contains("25.0.3");
        assertThat(Jdk.versionInRelease("nothing here")).isEmpty();
        assertThat(List.of(JDK_25, jdk(24), jdk(23), jdk(21), jdk(17)).stream().map(Jdk::aotKind)).containsExactly(
                Jdk.AotKind.ONE_STEP, Jdk.AotKind.TWO_STEP, Jdk.AotKind.DYNAMIC_ARCHIVE, Jdk.AotKind.DYNAMIC_ARCHIVE,
                Jdk.AotKind.NONE);
    }

    @Test
    void jdk_ofTheRunningJdk_readsItsReleaseFile() {
        Jdk jdk = Jdk.of(Path.of(System.getProperty("java.home"), "bin", "java"));

        assertThat(jdk.feature()).isEqualTo(Runtime.version().feature());
        assertThat(jdk.version()).isEqualTo(Runtime.version().version().stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(".")));
    }

    private static Jdk jdk(int feature) {
        return new Jdk(Path.of("/opt/jdk-" + feature), feature + ".0.1", feature);
    }

    @Test
    void command_withACache_mapsIt_withoutXshareOrTheWorkerArchive_andShowsItReadOnly() throws Exception {
        var caches = AotCaches.create(config(), JDK_25);
        Path cache = Files.createDirectories(data.resolve("aot")).resolve(caches.key(base()) + ".aot");
        Files.write(cache, new byte[] {1, 2, 3});
        Path archive = Files.writeString(data.resolve("worker.jsa"), "cds");
        var command = new WorkerCommand(config(), ClassDataArchive.at(archive), caches);

        List<String> cmd = command.command(base());

        assertThat(cmd).contains("-XX:AOTCache=" + cache).noneMatch(a -> a.startsWith("-Xshare"))
                .noneMatch(a -> a.startsWith("-XX:SharedArchiveFile")).noneMatch(a -> a.startsWith("-XX:AOTMode"));
        assertThat(caches.usedBy(cmd)).contains(cache);
        assertThat(command.readOnlyPaths(base())).contains(cache);
    }

    @Test
    void command_withoutACache_isAPlainStartWithTheWorkerArchive() throws Exception {
        var caches = AotCaches.create(config(), JDK_25);
        Path archive = Files.writeString(data.resolve("worker.jsa"), "cds");
        var command = new WorkerCommand(config(), ClassDataArchive.at(archive), caches);

        List<String> cmd = command.command(base());

        assertThat(cmd).contains("-Xshare:auto", "-XX:SharedArchiveFile=" + archive)
                .noneMatch(a -> a.startsWith("-XX:AOTCache"));
        assertThat(caches.usedBy(cmd)).isEmpty();
        assertThat(command.readOnlyPaths(base())).doesNotContain(caches.fileFor(base()));
    }

    @Test
    void command_onJdk21to23_mapsTheDynamicArchiveInsteadOfTheWorkerArchive() throws Exception {
        var caches = AotCaches.create(config(), jdk(21));
        Path cache = Files.createDirectories(data.resolve("aot")).resolve(caches.key(base()) + ".jsa");
        Files.write(cache, new byte[] {1});
        Path archive = Files.writeString(data.resolve("worker.jsa"), "cds");

        List<String> cmd = new WorkerCommand(config(), ClassDataArchive.at(archive), caches).command(base());

        assertThat(cmd).contains("-Xshare:auto", "-XX:SharedArchiveFile=" + cache)
                .doesNotContain("-XX:SharedArchiveFile=" + archive);
        assertThat(caches.usedBy(cmd)).contains(cache);
    }

    @Test
    void cacheFor_aFileMadeForAnotherJdk_isNeverUsed() throws Exception {
        var other = AotCaches.create(config(), new Jdk(Path.of("/opt/jdk-26"), "26.0.1", 26));
        Files.createDirectories(data.resolve("aot"));
        Files.write(other.fileFor(base()), new byte[] {1, 2, 3});
        var caches = AotCaches.create(config(), JDK_25);

        assertThat(caches.cacheFor(base())).isEmpty();
        assertThat(new WorkerCommand(config(), ClassDataArchive.at(data.resolve("none.jsa")), caches).command(base()))
                .noneMatch(a -> a.startsWith("-XX:AOTCache"));
    }

    @Test
    void cacheFor_aLinkInTheCachesPlace_isNeverUsed() throws Exception {
        var caches = AotCaches.create(config(), JDK_25);
        Files.createDirectories(data.resolve("aot"));
        Path secret = Files.writeString(data.resolve("secret"), "host file");
        Files.createSymbolicLink(caches.fileFor(base()), secret);

        assertThat(caches.cacheFor(base())).isEmpty();
    }

    @Test
    void cacheFor_whenSwitchedOff_isEmptyEvenWithAFile() throws Exception {
        var on = AotCaches.create(config(), JDK_25);
        Files.createDirectories(data.resolve("aot"));
        Files.write(on.fileFor(base()), new byte[] {1});

        assertThat(AotCaches.disabled(config()).cacheFor(base())).isEmpty();
    }

    @Test
    void trainingCommand_recordsWithoutAnySharingOfItsOwn() {
        var caches = AotCaches.create(config(), JDK_25);
        var command = new WorkerCommand(config(), ClassDataArchive.at(data.resolve("none.jsa")), caches);

        assertThat(command.trainingCommand(base(), List.of("-XX:AOTCacheOutput=/w/cache.aot")))
                .contains("-XX:AOTCacheOutput=/w/cache.aot", "-Xmx179m").noneMatch(a -> a.startsWith("-Xshare"))
                .noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
    }
}
