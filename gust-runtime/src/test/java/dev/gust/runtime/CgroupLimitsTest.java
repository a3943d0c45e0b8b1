package dev.gust.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gust.runtime.Sandbox.LaunchSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real limits on real processes, in both sandboxes, with this host's cgroups. */
class CgroupLimitsTest {
    private final Cgroups cgroups = CgroupsTest.usableCgroups();
    private final SandboxFixture fixture;

    CgroupLimitsTest() throws Exception {
        fixture = new SandboxFixture();
    }

    @AfterEach
    void cleanUp() {
        fixture.close();
    }

    private BwrapSandbox bwrap() {
        return new BwrapSandbox(BwrapSandboxTest.BWRAP, fixture.dataDir, cgroups);
    }

    private ProcessSandbox process() {
        return new ProcessSandbox(cgroups, Optional.empty());
    }

    /** A real JVM, allowed a larger heap than the instance's memory, holding {@code holdMb}. */
    private LaunchSpec memoryHog(int memoryMb, int holdMb) throws Exception {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path classes = Path.of(MemoryHog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        LaunchSpec base = fixture.spec(List.of(javaHome.resolve("bin/java").toString(), "-Xmx512m", "-Xms16m",
                "-XX:+UseSerialGC", "-cp", classes.toString(), MemoryHog.class.getName(), Integer.toString(holdMb)),
                Map.of(), memoryMb, false);
        return new LaunchSpec(base.instanceId(), base.command(), base.environment(), base.codeDir(), base.runDir(),
                List.of(javaHome, classes), memoryMb, false);
    }

    @Test
    void bwrap_whenAJvmAllocatesPastItsMemory_isKilledAndReportedOom() throws Exception {
        var result = SandboxFixture.run(bwrap(), memoryHog(128, 300));

        assertThat(result.exit()).as(result.stderr()).isEqualTo(new SandboxedProcess.Exit(137, true));
        assertThat(result.stdout()).doesNotContain("held");
    }

    @Test
    void process_whenAJvmAllocatesPastItsMemory_isKilledAndReportedOom() throws Exception {
        var result = SandboxFixture.run(process(), memoryHog(128, 300));

        assertThat(result.exit()).as(result.stderr()).isEqualTo(new SandboxedProcess.Exit(137, true));
    }

    @Test
    void bwrap_whenAJvmStaysWithinItsMemory_endsNormally() throws Exception {
        var result = SandboxFixture.run(bwrap(), memoryHog(256, 32));

        assertThat(result.exit()).as(result.stderr()).isEqualTo(new SandboxedProcess.Exit(0, false));
        assertThat(result.stdout()).isEqualTo("held 32 MB\n");
    }

    @Test
    void bwrap_forkBomb_isHeldAtThePidsLimitAndKilledWithoutHarmingTheNode() throws Exception {
        forkBomb_isContained(bwrap());
    }

    @Test
    void process_forkBomb_isHeldAtThePidsLimitAndKilledWithoutHarmingTheNode() throws Exception {
        forkBomb_isContained(process());
    }

    private void forkBomb_isContained(Sandbox sandbox) throws Exception {
        LaunchedProcess bomb = (LaunchedProcess) sandbox.launch(fixture.shell(
                "sleep 300 & b() { b | b & }; b; echo started; wait"));
        CgroupGroup group = (CgroupGroup) bomb.cgroup();
        try {
            SandboxFixture.firstLine(bomb);
            Path pidsDir = pidsDirectory(group);
            // the kernel counts every fork the limit refused: proof the bomb reached it, however the
            // process count swings while bomb processes die and respawn on a loaded machine
            await().atMost(Duration.ofSeconds(120)).until(() -> refusedForks(pidsDir) > 0);

            assertThat(current(pidsDir)).isLessThanOrEqualTo(Cgroups.Limits.PIDS);
            if (Files.exists(pidsDir.resolve("pids.peak"))) {
                assertThat(Long.parseLong(Files.readString(pidsDir.resolve("pids.peak")).strip()))
                        .isLessThanOrEqualTo(Cgroups.Limits.PIDS);
            }
            assertThat(new ProcessBuilder("true").start().waitFor(30, TimeUnit.SECONDS)).as("the node can still fork").isTrue();
        } finally {
            bomb.kill();
        }
        bomb.onExit().get(SandboxFixture.WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(group.dirs()).allSatisfy(d -> assertThat(d).doesNotExist());
    }

    @Test
    void onExit_removesTheInstancesCgroups() throws Exception {
        LaunchedProcess process = (LaunchedProcess) bwrap().launch(fixture.shell("exit 0"));
        CgroupGroup group = (CgroupGroup) process.cgroup();

        SandboxFixture.finish(process);

        assertThat(group.dirs()).isNotEmpty().allSatisfy(d -> assertThat(d).doesNotExist());
    }

    @Test
    void process_withCgroups_stillGivesExactlyTheSpecEnvironment() throws Exception {
        LaunchSpec spec = fixture.spec(List.of("/usr/bin/env"), Map.of("A", "1"), 256, true);

        var result = SandboxFixture.run(process(), spec);

        assertThat(result.stdout().lines().sorted()).containsExactly("A=1", "GUST_CHANNEL=" + spec.runDir(),
                "GUST_CODE=" + fixture.codeDir);
    }

    @Test
    void launch_putsTheWorkerInItsGroupBeforeItStarts() throws Exception {
        LaunchSpec spec = fixture.spec(List.of("/bin/cat", "/proc/self/cgroup"), Map.of(), 256, true);

        var result = SandboxFixture.run(process(), spec);

        assertThat(result.stdout()).contains("/gust/" + spec.instanceId());
    }

    @Test
    void info_saysWhichCgroupsLimitInstances() {
        assertThat(bwrap().info()).isEqualTo(new SandboxInfo("bwrap", cgroups.kind(), Optional.empty()));
    }

    private static Path pidsDirectory(CgroupGroup group) {
        return group.dirs().stream().filter(d -> Files.exists(d.resolve("pids.current"))).findFirst().orElseThrow();
    }

    /** The {@code max} count of {@code pids.events}: forks refused because the group was full. */
    private static long refusedForks(Path pidsDir) throws Exception {
        return Files.readAllLines(pidsDir.resolve("pids.events")).stream()
                .filter(l -> l.startsWith("max "))
                .mapToLong(l -> Long.parseLong(l.substring(4).strip()))
                .sum();
    }

    private static long current(Path pidsDir) throws Exception {
        return Long.parseLong(Files.readString(pidsDir.resolve("pids.current")).strip());
    }
}
