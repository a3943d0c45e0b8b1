package dev.gust.runtime;

import dev.gust.runtime.CgroupFiles.Membership;
import dev.gust.runtime.CgroupFiles.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * cgroup v2: one unified hierarchy. Instances get {@code gust/<instanceId>} under this process's own
 * cgroup, with the memory, pids and cpu controllers enabled on the way down. v2 forbids processes in a
 * group that hands controllers to children, so the node's own group must be delegated to it with its
 * processes in a leaf (as systemd's {@code Delegate=yes} or a container runtime's cgroup namespace
 * arrange) or be the root. Thread-safe.
 */
final class CgroupV2 implements Cgroups {
    private static final String CONTROLLERS = "+memory +pids +cpu";

    /** The {@code gust} directory holding the instances' groups. */
    private final Path parent;

    CgroupV2(Path parent) {
        this.parent = parent;
    }

    /** @return v2 when usable, else {@link Cgroups#none} saying why */
    static Cgroups probe(String procSelfCgroup, String mountinfo) {
        Optional<String> path = Membership.parseAll(procSelfCgroup).stream()
                .filter(m -> m.controllers().isEmpty()).map(Membership::path).findFirst();
        Optional<Path> own = path.flatMap(p -> Mount.parseAll(mountinfo).stream()
                .filter(m -> m.fsType().equals("cgroup2"))
                .flatMap(m -> m.directoryOf(p).stream()).filter(Files::isDirectory).findFirst());
        if (own.isEmpty()) {
            return Cgroups.none("cgroup v2: no mounted cgroup2 hierarchy holding this process");
        }
        return enable(own.get());
    }

    private static Cgroups enable(Path own) {
        String available = read(own.resolve("cgroup.controllers"));
        List<String> have = List.of(available.strip().split("\\s+"));
        if (!have.containsAll(List.of("memory", "pids", "cpu"))) {
            return Cgroups.none("cgroup v2: " + own + " offers controllers [" + available.strip()
                    + "], memory, pids and cpu are needed");
        }
        try {
            CgroupFiles.write(own.resolve("cgroup.subtree_control"), CONTROLLERS);
            Path parent = Files.createDirectories(own.resolve("gust"));
            CgroupFiles.write(parent.resolve("cgroup.subtree_control"), CONTROLLERS);
            CgroupV2 cgroups = new CgroupV2(parent);
            cgroups.create(Cgroups.probeName(), 64).removeAsync().join();
            return cgroups;
        } catch (IOException e) {
            return Cgroups.none("cgroup v2: cannot delegate memory, pids and cpu below " + own + " (" + e
                    + "); run the node in a cgroup delegated to it, with its processes in a leaf group");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String kind() {
        return "v2";
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public Cgroup create(String instanceId, int memoryMb) throws IOException {
        Limits limits = Limits.forMemory(memoryMb);
        Path dir = parent.resolve(instanceId);
        try {
            Files.createDirectories(dir);
            CgroupFiles.write(dir.resolve("memory.max"), Long.toString(limits.memoryBytes()));
            if (Files.exists(dir.resolve("memory.swap.max"))) {
                CgroupFiles.write(dir.resolve("memory.swap.max"), "0");
            }
            CgroupFiles.write(dir.resolve("pids.max"), Integer.toString(limits.pids()));
            CgroupFiles.write(dir.resolve("cpu.max"), limits.cpuQuotaMicros() + " " + limits.cpuPeriodMicros());
        } catch (IOException | RuntimeException e) {
            group(dir).removeAsync();
            throw e;
        }
        return group(dir);
    }

    private static CgroupGroup group(Path dir) {
        return new CgroupGroup(List.of(dir), dir.resolve("memory.events"),
                Optional.of(dir.resolve("cgroup.kill")).filter(Files::exists));
    }

    @Override
    public String toString() {
        return "cgroup v2 " + parent;
    }
}
