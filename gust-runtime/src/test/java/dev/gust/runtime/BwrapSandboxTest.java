package dev.gust.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gust.runtime.Sandbox.LaunchSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real processes under the real bubblewrap of this host ({@code /usr/bin/bwrap}), without cgroups. */
class BwrapSandboxTest {
    static final Path BWRAP = Path.of("/usr/bin/bwrap");

    private final SandboxFixture fixture;
    private final BwrapSandbox sandbox;

    BwrapSandboxTest() throws Exception {
        fixture = new SandboxFixture();
        sandbox = new BwrapSandbox(BWRAP, fixture.dataDir, Cgroups.none("test"));
    }

    @AfterEach
    void cleanUp() {
        fixture.close();
    }

    @Test
    void launch_givesExactlyTheSpecEnvironmentPlusCodeAndSocketAsSeenInside() throws Exception {
        LaunchSpec spec = fixture.spec(List.of("/usr/bin/env"), Map.of("A", "1", "GREETING", "hello world"), 256, true);

        var result = SandboxFixture.run(sandbox, spec);

        assertThat(result.stdout().lines().sorted()).containsExactly("A=1", "GREETING=hello world",
                "GUST_CHANNEL=/run/gust", "GUST_CODE=/var/task");
    }

    @Test
    void launch_showsTheCodeReadOnlyAtVarTaskAndStartsThere() throws Exception {
        var result = SandboxFixture.run(sandbox, fixture.shell("pwd; cat handler.txt; touch /var/task/new"));

        assertThat(result.stdout()).isEqualTo("/var/task\ncode");
        assertThat(result.stderr()).contains("Read-only file system");
        assertThat(result.exit().status()).isNotZero();
        assertThat(fixture.codeDir.resolve("new")).doesNotExist();
    }

    @Test
    void launch_makesTheRootAndSystemDirectoriesReadOnly() throws Exception {
        var result = SandboxFixture.run(sandbox, fixture.shell(
                "for f in /new /usr/new /etc/new /var/new; do touch $f 2>/dev/null && echo wrote $f; done; echo done"));

        assertThat(result.stdout()).isEqualTo("done\n");
    }

    @Test
    void launch_letsTheRunDirectoryBeWritten() throws Exception {
        var result = SandboxFixture.run(sandbox, fixture.shell("echo hi > /run/gust/note && cat /run/gust/note"));

        assertThat(result.stdout()).isEqualTo("hi\n");
    }

    @Test
    void launch_givesAPrivateTmpThatNeitherSideSeesInTheOther() throws Exception {
        String name = "gust-private-" + UUID.randomUUID();
        Path hostFile = Files.writeString(Path.of("/tmp", name + "-host"), "host");
        try {
            var result = SandboxFixture.run(sandbox, fixture.shell(
                    "echo inside > /tmp/" + name + " && cat /tmp/" + name + "; test -e /tmp/" + name + "-host && echo leak"));

            assertThat(result.stdout()).isEqualTo("inside\n");
            assertThat(Path.of("/tmp", name)).doesNotExist();
        } finally {
            Files.delete(hostFile);
        }
    }

    @Test
    void launch_limitsTmpToItsSize() throws Exception {
        long mb = BwrapSandbox.TMP_BYTES / (1024 * 1024);
        var result = SandboxFixture.run(sandbox, fixture.shell(
                "head -c " + (mb + 16) + "M /dev/zero > /tmp/big || echo full; du -m /tmp/big | cut -f1"));

        assertThat(result.stdout()).isEqualTo("full\n" + mb + "\n");
        assertThat(result.stderr()).contains("No space left on device");
    }

    @Test
    void launch_hidesTheNodesDataDirectory() throws Exception {
        Files.writeString(fixture.dataDir.resolve("admin-token"), "secret");

        var result = SandboxFixture.run(sandbox, fixture.shell(
                "cat " + fixture.dataDir.resolve("admin-token") + " || echo unseen; ls " + fixture.dataDir.getParent()));

        assertThat(result.stdout()).isEqualTo("unseen\n");
        assertThat(result.stderr()).contains("No such file or directory");
    }

    @Test
    void launch_whenAReadOnlyPathHoldsTheDataDirectory_isRejected() throws Exception {
        LaunchSpec good = fixture.shell("true");
        LaunchSpec bad = new LaunchSpec(good.instanceId(), good.command(), Map.of(), good.codeDir(), good.runDir(),
                List.of(fixture.dataDir.getParent()), 256, true);

        assertThatThrownBy(() -> sandbox.launch(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("readOnlyPaths: " + fixture.dataDir.getParent())
                .hasMessageContaining("data directory");
    }

    @Test
    void launch_runsARealJvmFromReadOnlyPathsOutsideTheSystemDirectories() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path classes = Path.of(MemoryHog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        LaunchSpec base = fixture.spec(List.of(java.toString(), "-Xshare:auto", "-cp", classes.toString(),
                MemoryHog.class.getName(), "8"), Map.of(), 256, false);
        LaunchSpec spec = new LaunchSpec(base.instanceId(), base.command(), base.environment(), base.codeDir(),
                base.runDir(), List.of(Path.of(System.getProperty("java.home")), classes), 256, false);

        var result = SandboxFixture.run(sandbox, spec);

        assertThat(result.stdout()).as(result.stderr()).isEqualTo("held 8 MB\n");
        assertThat(result.exit()).isEqualTo(new SandboxedProcess.Exit(0, false));
    }

    @Test
    void launch_givesAnOwnPidNamespace() throws Exception {
        var result = SandboxFixture.run(sandbox, fixture.shell(
                "echo $$; test -e /proc/" + ProcessHandle.current().pid() + " && echo host-visible; echo done"));

        assertThat(Integer.parseInt(result.stdout().lines().findFirst().orElseThrow())).isLessThan(10);
        assertThat(result.stdout()).endsWith("done\n").doesNotContain("host-visible");
    }

    @Test
    void launch_withoutNetwork_hasOnlyLoopback() throws Exception {
        LaunchSpec spec = fixture.spec(List.of("/bin/cat", "/proc/net/dev"), Map.of(), 256, false);

        var result = SandboxFixture.run(sandbox, spec);

        assertThat(interfaces(result.stdout())).containsExactly("lo");
    }

    @Test
    void launch_withNetwork_seesTheHostsInterfaces() throws Exception {
        LaunchSpec spec = fixture.spec(List.of("/bin/cat", "/proc/net/dev"), Map.of(), 256, true);

        var result = SandboxFixture.run(sandbox, spec);

        assertThat(interfaces(result.stdout())).isEqualTo(interfaces(Files.readString(Path.of("/proc/net/dev"))));
    }

    @Test
    void kill_killsEverythingInTheSandbox() throws Exception {
        SandboxedProcess process = sandbox.launch(fixture.shell(
                "sh -c 'sleep 300 & sleep 301 & echo started; wait' & wait"));
        SandboxFixture.firstLine(process);
        List<ProcessHandle> tree = ProcessHandle.of(((LaunchedProcess) process).pid()).orElseThrow()
                .descendants().toList();

        process.kill();

        assertThat(process.onExit().get(SandboxFixture.WAIT_SECONDS, TimeUnit.SECONDS).status()).isEqualTo(137);
        assertThat(tree).as("bwrap's init, two shells, two sleeps").hasSizeGreaterThanOrEqualTo(5);
        await().atMost(Duration.ofSeconds(30)).until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void onExit_afterTheCommandEnds_leavesNothingRunning() throws Exception {
        SandboxedProcess process = sandbox.launch(fixture.shell("sleep 300 & echo started"));
        List<ProcessHandle> tree = ProcessHandle.of(((LaunchedProcess) process).pid()).orElseThrow()
                .descendants().toList();

        var result = SandboxFixture.finish(process);

        assertThat(result.exit().status()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void info_saysBubblewrapAndWhyThereAreNoLimits() {
        assertThat(sandbox.info()).isEqualTo(new SandboxInfo("bwrap", "none", Optional.of(
                "cgroups unavailable (test); instances run without memory, cpu and pids limits")));
    }

    private static List<String> interfaces(String procNetDev) {
        return procNetDev.lines().skip(2).map(line -> line.strip().split(":")[0]).sorted().toList();
    }
}
