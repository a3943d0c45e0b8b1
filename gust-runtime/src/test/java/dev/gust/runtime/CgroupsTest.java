package dev.gust.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.gust.runtime.CgroupFiles.Membership;
import dev.gust.runtime.CgroupFiles.Mount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CgroupsTest {
    /** The shape of a cgroup v1 host (as this project's development machines are). */
    static final String V1_CGROUP = """
            8:pids:/
            4:memory:/process_api/abc
            1:cpu,cpuacct:/
            0::/
            """;
    static final String V1_MOUNTINFO = """
            31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct
            35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
            39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
            41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            """;

    @Test
    void limits_giveOneCpuUpTo1769MbAndProportionallyMoreAbove() {
        assertThat(Cgroups.Limits.forMemory(128)).isEqualTo(new Cgroups.Limits(128L << 20, 100_000, 100_000, 256));
        assertThat(Cgroups.Limits.forMemory(1769).cpuQuotaMicros()).isEqualTo(100_000);
        assertThat(Cgroups.Limits.forMemory(3538).cpuQuotaMicros()).isEqualTo(200_000);
        assertThat(Cgroups.Limits.forMemory(10240).memoryBytes()).isEqualTo(10240L * 1024 * 1024);
    }

    @Test
    void membership_parsesControllersAndPaths() {
        assertThat(Membership.parseAll(V1_CGROUP)).containsExactly(
                new Membership(List.of("pids"), "/"),
                new Membership(List.of("memory"), "/process_api/abc"),
                new Membership(List.of("cpu", "cpuacct"), "/"),
                new Membership(List.of(), "/"));
    }

    @Test
    void mount_parsesCgroupMountsWithTheirControllers() {
        List<Mount> mounts = Mount.parseAll(V1_MOUNTINFO);

        assertThat(mounts).hasSize(5);
        assertThat(mounts.get(1)).isEqualTo(new Mount(Path.of("/sys/fs/cgroup/cpu,cpuacct"), "/", "cgroup",
                List.of("rw", "cpu", "cpuacct")));
        assertThat(mounts.get(4).fsType()).isEqualTo("cgroup2");
    }

    @Test
    void mount_directoryOf_joinsTheCgroupPathBelowTheMountedRoot() {
        Mount whole = new Mount(Path.of("/sys/fs/cgroup/memory"), "/", "cgroup", List.of("memory"));
        Mount part = new Mount(Path.of("/sys/fs/cgroup/memory"), "/docker/c1", "cgroup", List.of("memory"));

        assertThat(whole.directoryOf("/process_api/abc")).contains(Path.of("/sys/fs/cgroup/memory/process_api/abc"));
        assertThat(part.directoryOf("/docker/c1/job")).contains(Path.of("/sys/fs/cgroup/memory/job"));
        assertThat(part.directoryOf("/docker/c1")).contains(Path.of("/sys/fs/cgroup/memory"));
        assertThat(part.directoryOf("/other")).isEmpty();
    }

    @Test
    void v1Probe_whenAControllerIsNotMounted_saysWhich() {
        String noPids = V1_MOUNTINFO.lines().filter(l -> !l.contains("pids")).reduce("", (a, b) -> a + b + "\n");

        Cgroups cgroups = CgroupV1.probe(V1_CGROUP.replace("/process_api/abc", "/"), noPids);

        assertThat(cgroups.kind()).isEqualTo("none");
        assertThat(cgroups.unavailableReason()).contains("cgroup v1: no mounted pids hierarchy holding this process");
    }

    @Test
    void v2Probe_whenTheUnifiedHierarchyLacksControllers_saysWhichItHas() throws Exception {
        Path unified = Path.of("/sys/fs/cgroup/unified");
        assumeThat(Files.exists(unified.resolve("cgroup.controllers")))
                .as("a hybrid host with cgroup2 at " + unified).isTrue();
        String controllers = Files.readString(unified.resolve("cgroup.controllers")).strip();
        assumeThat(controllers).as("controllers of the hybrid cgroup2 hierarchy").doesNotContain("memory");

        Cgroups cgroups = CgroupV2.probe("0::/\n", "41 31 0:38 / " + unified + " rw - cgroup2 cgroup2 rw\n");

        assertThat(cgroups.unavailableReason()).contains("cgroup v2: " + unified + " offers controllers ["
                + controllers + "], memory, pids and cpu are needed");
    }

    @Test
    void v2Probe_withoutACgroup2Mount_saysSo() {
        assertThat(CgroupV2.probe(V1_CGROUP, "").unavailableReason())
                .contains("cgroup v2: no mounted cgroup2 hierarchy holding this process");
    }

    @Test
    void create_setsTheLimitsAndRemoveDeletesTheGroup() throws Exception {
        Cgroups cgroups = usableCgroups();

        CgroupGroup group = (CgroupGroup) cgroups.create("limits-test-" + ProcessHandle.current().pid(), 128);
        try {
            assertThat(group.procsFiles()).allSatisfy(f -> assertThat(f).exists());
            assertThat(limitsOf(cgroups.kind(), group)).containsExactly("134217728", "256", "100000");
            assertThat(group.oomKilled()).isFalse();
        } finally {
            group.removeAsync().get(SandboxFixture.WAIT_SECONDS, TimeUnit.SECONDS);
        }
        assertThat(group.dirs()).allSatisfy(d -> assertThat(d).doesNotExist());
    }

    /** @return this host's cgroups; a test needing them is reported as skipped, with the reason, without */
    static Cgroups usableCgroups() {
        Cgroups cgroups = Cgroups.detect();
        assumeThat(cgroups.unavailableReason()).as("cgroups on this host: " + cgroups.unavailableReason()).isEmpty();
        return cgroups;
    }

    /** @return the memory, pids and cpu quota of a group */
    static List<String> limitsOf(String kind, CgroupGroup group) throws Exception {
        if (kind.equals("v2")) {
            Path dir = group.dirs().getFirst();
            return List.of(read(dir.resolve("memory.max")), read(dir.resolve("pids.max")),
                    read(dir.resolve("cpu.max")).split(" ")[0]);
        }
        return List.of(read(group.dirs().get(0).resolve("memory.limit_in_bytes")),
                read(group.dirs().get(1).resolve("pids.max")), read(group.dirs().get(2).resolve("cpu.cfs_quota_us")));
    }

    private static String read(Path file) throws Exception {
        return Files.readString(file).strip();
    }

    @Test
    void none_createsNoGroupAndSaysWhy() throws Exception {
        Cgroups none = Cgroups.none("no cgroupfs");

        assertThat(none.create("x", 128)).isSameAs(Cgroup.NONE);
        assertThat(none.kind()).isEqualTo("none");
        assertThat(none.unavailableReason()).isEqualTo(Optional.of("no cgroupfs"));
    }
}
