package dev.gust.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.runtime.RuntimeConfig.SandboxMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SandboxesTest {
    private static final Path NO_BWRAP = Path.of("/nonexistent/bin/bwrap");
    private final Cgroups noCgroups = Cgroups.none("test");
    private final SandboxFixture fixture;

    SandboxesTest() throws Exception {
        fixture = new SandboxFixture();
    }

    @AfterEach
    void cleanUp() {
        fixture.close();
    }

    @Test
    void select_auto_whenBubblewrapWorks_usesIt() {
        Sandbox sandbox = Sandboxes.select(SandboxMode.AUTO, fixture.dataDir, BwrapSandboxTest.BWRAP, noCgroups);

        assertThat(sandbox).isInstanceOf(BwrapSandbox.class);
        assertThat(sandbox.info().kind()).isEqualTo("bwrap");
    }

    @Test
    void select_auto_whenBubblewrapIsMissing_fallsBackToAPlainProcessAndSaysWhy() {
        Sandbox sandbox = Sandboxes.select(SandboxMode.AUTO, fixture.dataDir, NO_BWRAP, Cgroups.none("no cgroupfs"));

        assertThat(sandbox.info().kind()).isEqualTo("process");
        assertThat(sandbox.info().fallbackReason()).contains("bubblewrap not found (no executable " + NO_BWRAP
                + "); functions run as plain processes without isolation; cgroups unavailable (no cgroupfs); "
                + "instances run without memory, cpu and pids limits");
    }

    @Test
    void select_auto_whenBubblewrapFails_fallsBackAndQuotesItsError() throws Exception {
        Path fakeBwrap = Files.writeString(fixture.dataDir.resolve("bwrap"), "#!/bin/sh\necho 'no namespaces' >&2\nexit 1\n");
        Files.setPosixFilePermissions(fakeBwrap, PosixFilePermissions.fromString("rwx------"));

        Sandbox sandbox = Sandboxes.select(SandboxMode.AUTO, fixture.dataDir, fakeBwrap, noCgroups);

        assertThat(sandbox.info().kind()).isEqualTo("process");
        assertThat(sandbox.info().fallbackReason().orElseThrow())
                .startsWith("bubblewrap " + fakeBwrap + " cannot create namespaces here (exit 1: no namespaces)");
    }

    @Test
    void select_bwrap_whenBubblewrapIsMissing_refusesWithWhatToDo() {
        assertThatThrownBy(() -> Sandboxes.select(SandboxMode.BWRAP, fixture.dataDir, NO_BWRAP, noCgroups))
                .isInstanceOf(SandboxException.class)
                .hasMessage("sandbox mode BWRAP needs bubblewrap, but bubblewrap not found (no executable " + NO_BWRAP
                        + "); install bubblewrap or choose sandbox mode PROCESS");
    }

    @Test
    void select_process_isAPlainProcessEvenWhenBubblewrapWorks() {
        Sandbox sandbox = Sandboxes.select(SandboxMode.PROCESS, fixture.dataDir, BwrapSandboxTest.BWRAP, noCgroups);

        assertThat(sandbox.info().kind()).isEqualTo("process");
        assertThat(sandbox.info().fallbackReason()).contains(
                "cgroups unavailable (test); instances run without memory, cpu and pids limits");
    }

    @Test
    void select_reportsTheCgroupKindInUse() {
        Sandbox sandbox = Sandboxes.select(SandboxMode.PROCESS, fixture.dataDir, NO_BWRAP, Cgroups.detect());

        assertThat(sandbox.info().cgroups()).isIn("v1", "v2", "none");
        assertThat(sandbox.info().fallbackReason().isPresent()).isEqualTo(sandbox.info().cgroups().equals("none"));
    }

    @Test
    void runDirFor_whenTheSocketPathFits_isUnderTheDataDirectory() {
        Path dataDir = Path.of("/srv/gust");

        assertThat(Sandboxes.runDirFor(dataDir, "abc-1")).isEqualTo(Path.of("/srv/gust/run/abc-1"));
    }

    @Test
    void runDirFor_whenTheSocketPathIsTooLong_isAShortDirectoryUnderTmpPerDataDirectory() {
        Path deep = Path.of("/srv/" + "d".repeat(90));
        Path other = Path.of("/srv/" + "e".repeat(90));

        Path runDir = Sandboxes.runDirFor(deep, "abc-1");

        assertThat(runDir.toString()).matches("/tmp/gust-[0-9a-f]{12}/abc-1");
        assertThat(runDir.resolve("worker.sock").toString().length()).isLessThanOrEqualTo(107);
        assertThat(Sandboxes.runDirFor(other, "abc-1")).isNotEqualTo(runDir);
        assertThat(Sandboxes.runDirFor(deep, "abc-1")).isEqualTo(runDir);
    }

    @Test
    void runDirFor_whenTheIdIsNotASimpleName_isRejectedNamingIt() {
        assertThatThrownBy(() -> Sandboxes.runDirFor(Path.of("/srv/gust"), "a/../../etc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("instanceId").hasMessageContaining("a/../../etc");
    }

    @Test
    void createRunDir_makesAPrivateEmptyDirectory() throws Exception {
        Path first = Sandboxes.createRunDir(fixture.dataDir, "abc-1");
        Files.writeString(first.resolve("stale.sock"), "");

        Path again = Sandboxes.createRunDir(fixture.dataDir, "abc-1");

        assertThat(again).isEqualTo(first).isEmptyDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(again))).isEqualTo("rwx------");
    }

    @Test
    void createRunDir_underTmp_isPrivateAtBothLevels() throws Exception {
        Path deepData = fixture.dataDir.resolve("d".repeat(90));

        Path runDir = Sandboxes.createRunDir(deepData, "abc-1");
        try {
            assertThat(runDir).startsWith(Path.of("/tmp")).isEmptyDirectory();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(runDir.getParent())))
                    .isEqualTo("rwx------");
        } finally {
            LaunchedProcess.deleteTree(runDir.getParent());
        }
    }
}
