package dev.gust.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gust.runtime.Sandbox.LaunchSpec;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessSandboxTest {
    private final SandboxFixture fixture;
    private final ProcessSandbox sandbox = new ProcessSandbox(Cgroups.none("test"), Optional.empty());

    ProcessSandboxTest() throws Exception {
        fixture = new SandboxFixture();
    }

    @AfterEach
    void cleanUp() {
        fixture.close();
    }

    @Test
    void launch_givesExactlyTheSpecEnvironmentPlusCodeAndSocket() throws Exception {
        LaunchSpec spec = fixture.spec(List.of("/usr/bin/env"), Map.of("A", "1", "GREETING", "hello world"), 256, true);

        var result = SandboxFixture.run(sandbox, spec);

        assertThat(result.stdout().lines().sorted()).containsExactly("A=1", "GREETING=hello world",
                "GUST_CHANNEL=" + spec.runDir(), "GUST_CODE=" + fixture.codeDir);
    }

    @Test
    void launch_runsInTheCodeDirectory() throws Exception {
        var result = SandboxFixture.run(sandbox, fixture.shell("pwd; cat handler.txt"));

        assertThat(result.stdout()).isEqualTo(fixture.codeDir.toRealPath() + "\ncode");
    }

    @Test
    void onExit_reportsTheExitStatusAndNoOom() throws Exception {
        var result = SandboxFixture.run(sandbox, fixture.shell("echo failing >&2; exit 3"));

        assertThat(result.exit()).isEqualTo(new SandboxedProcess.Exit(3, false));
        assertThat(result.stderr()).isEqualTo("failing\n");
    }

    @Test
    void onExit_deletesTheRunDirectory() throws Exception {
        LaunchSpec spec = fixture.shell("touch \"$GUST_CHANNEL/left-behind\"");

        SandboxFixture.run(sandbox, spec);

        assertThat(spec.runDir()).doesNotExist();
    }

    @Test
    void kill_killsTheProcessAndItsGrandchildren() throws Exception {
        SandboxedProcess process = sandbox.launch(fixture.shell("sh -c 'sleep 300 & echo $!; wait' & wait"));
        long grandchild = Long.parseLong(SandboxFixture.firstLine(process));

        process.kill();

        assertThat(process.onExit().get(SandboxFixture.WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS).status())
                .isEqualTo(137);
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(grandchild).isEmpty()
                || !ProcessHandle.of(grandchild).get().isAlive());
    }

    @Test
    void kill_isIdempotentAfterExit() throws Exception {
        SandboxedProcess process = sandbox.launch(fixture.shell("exit 0"));
        SandboxFixture.finish(process);

        process.kill();
        process.kill();

        assertThat(process.onExit()).isCompletedWithValue(new SandboxedProcess.Exit(0, false));
    }

    @Test
    void launch_whenInstanceIdIsAPath_isRejectedNamingTheField() throws Exception {
        LaunchSpec good = fixture.shell("true");
        LaunchSpec bad = new LaunchSpec("../escape", good.command(), Map.of(), good.codeDir(), good.runDir(),
                List.of(), 256, true);

        assertThatThrownBy(() -> sandbox.launch(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("instanceId").hasMessageContaining("../escape");
    }

    @Test
    void launch_whenEnvironmentSetsGustCode_isRejected() throws Exception {
        LaunchSpec spec = fixture.spec(List.of("/usr/bin/env"), Map.of("GUST_CODE", "/elsewhere"), 256, true);

        assertThatThrownBy(() -> sandbox.launch(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("environment: must not set GUST_CODE");
    }

    @Test
    void launch_whenCodeDirIsMissing_isRejectedAndStartsNothing() throws Exception {
        LaunchSpec good = fixture.shell("touch /tmp/should-not-run");
        Files.delete(good.codeDir().resolve("handler.txt"));
        Files.delete(good.codeDir());

        assertThatThrownBy(() -> sandbox.launch(good)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("codeDir: " + good.codeDir());
    }

    @Test
    void info_saysPlainProcessAndWhyThereAreNoLimits() {
        assertThat(sandbox.info()).isEqualTo(new SandboxInfo("process", "none", Optional.of(
                "cgroups unavailable (test); instances run without memory, cpu and pids limits")));
    }
}
