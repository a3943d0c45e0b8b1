package dev.gust.runtime;

import dev.gust.runtime.CgroupFiles.Membership;
import dev.gust.runtime.CgroupFiles.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * cgroup v1: separate memory, pids and cpu hierarchies. Each instance gets {@code gust/<instanceId>} under
 * this process's own cgroup in each (where a container or service manager lets it create children).
 * Thread-safe.
 */
final class CgroupV1 implements Cgroups {
    static final List<String> CONTROLLERS = List.of("memory", "pids", "cpu");

    /** Per controller, the {@code gust} directory holding the instances' groups. */
    private final Map<String, Path> parents;

    CgroupV1(Map<String, Path> parents) {
        this.parents = Map.copyOf(parents);
    }

    /** @return v1 when usable, else {@link Cgroups#none} saying why */
    static Cgroups probe(String procSelfCgroup, String mountinfo) {
        Map<String, Path> parents = new LinkedHashMap<>();
        List<Mount> mounts = Mount.parseAll(mountinfo);
        for (String controller : CONTROLLERS) {
            Optional<Path> own = ownDirectory(controller, Membership.parseAll(procSelfCgroup), mounts);
            if (own.isEmpty()) {
                return Cgroups.none("cgroup v1: no mounted " + controller + " hierarchy holding this process");
            }
            parents.put(controller, own.get().resolve("gust"));
        }
        return tryOut(new CgroupV1(parents));
    }

    private static Optional<Path> ownDirectory(String controller, List<Membership> memberships, List<Mount> mounts) {
        Optional<String> path = memberships.stream().filter(m -> m.controllers().contains(controller))
                .map(Membership::path).findFirst();
        return path.flatMap(p -> mounts.stream()
                .filter(m -> m.fsType().equals("cgroup") && m.superOptions().contains(controller))
                .flatMap(m -> m.directoryOf(p).stream())
                .filter(Files::isDirectory)
                .findFirst());
    }

    private static Cgroups tryOut(CgroupV1 cgroups) {
        try {
            Cgroup probe = cgroups.create(Cgroups.probeName(), 64);
            probe.removeAsync().join();
            return cgroups;
        } catch (IOException e) {
            return Cgroups.none("cgroup v1: cannot create a group under " + cgroups.parents.values() + ": " + e);
        }
    }

    @Override
    public String kind() {
        return "v1";
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public Cgroup create(String instanceId, int memoryMb) throws IOException {
        Limits limits = Limits.forMemory(memoryMb);
        Path oomControl = parents.get("memory").resolve(instanceId).resolve("memory.oom_control");
        List<Path> dirs = new ArrayList<>();
        try {
            for (String controller : CONTROLLERS) {
                dirs.add(Files.createDirectories(parents.get(controller).resolve(instanceId)));
            }
            configure(dirs, limits);
            return new CgroupGroup(List.copyOf(dirs), oomControl, Optional.empty());
        } catch (IOException | RuntimeException e) {
            new CgroupGroup(List.copyOf(dirs), oomControl, Optional.empty()).removeAsync();
            throw e;
        }
    }

    /** @param dirs the memory, pids and cpu directories, in that order */
    private static void configure(List<Path> dirs, Limits limits) throws IOException {
        String memory = Long.toString(limits.memoryBytes());
        CgroupFiles.write(dirs.get(0).resolve("memory.limit_in_bytes"), memory);
        Path memsw = dirs.get(0).resolve("memory.memsw.limit_in_bytes");
        if (Files.exists(memsw)) {
            // memory+swap equal to memory: no swap. Only settable after memory.limit_in_bytes.
            CgroupFiles.write(memsw, memory);
        }
        CgroupFiles.write(dirs.get(1).resolve("pids.max"), Integer.toString(limits.pids()));
        CgroupFiles.write(dirs.get(2).resolve("cpu.cfs_period_us"), Long.toString(limits.cpuPeriodMicros()));
        CgroupFiles.write(dirs.get(2).resolve("cpu.cfs_quota_us"), Long.toString(limits.cpuQuotaMicros()));
    }

    @Override
    public String toString() {
        return "cgroup v1 " + parents;
    }
}
