package dev.gust.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The host's cgroup facility that limits sandboxed instances: v2, v1 or none. Thread-safe. */
interface Cgroups {

    /** @return {@code v2}, {@code v1} or {@code none} */
    String kind();

    /** @return why there are no limits, when {@link #kind()} is {@code none} */
    Optional<String> unavailableReason();

    /**
     * Creates the group(s) of one instance with {@link Limits#forMemory its limits} set.
     *
     * @throws IOException when the group cannot be created or configured
     */
    Cgroup create(String instanceId, int memoryMb) throws IOException;

    /**
     * What one instance may use.
     *
     * @param memoryBytes memory (heap plus JVM overhead: the worker's {@code -Xmx} is set below it), no swap
     * @param cpuQuotaMicros CPU time per {@code cpuPeriodMicros}
     * @param pids processes and threads together (a worker JVM uses 20-40 threads)
     */
    record Limits(long memoryBytes, long cpuQuotaMicros, long cpuPeriodMicros, int pids) {
        static final long CPU_PERIOD_MICROS = 100_000;
        /** As on AWS Lambda, one full CPU per 1769 MB; but never less than one, so a JVM starts quickly. */
        static final int MB_PER_CPU = 1769;
        static final int PIDS = 256;

        static Limits forMemory(int memoryMb) {
            double cpus = Math.max(1.0, (double) memoryMb / MB_PER_CPU);
            return new Limits(memoryMb * 1024L * 1024L, Math.round(cpus * CPU_PERIOD_MICROS), CPU_PERIOD_MICROS, PIDS);
        }
    }

    /** @return no cgroups; instances run without limits for {@code reason} */
    static Cgroups none(String reason) {
        return new Cgroups() {
            @Override
            public String kind() {
                return "none";
            }

            @Override
            public Optional<String> unavailableReason() {
                return Optional.of(reason);
            }

            @Override
            public Cgroup create(String instanceId, int memoryMb) {
                return Cgroup.NONE;
            }
        };
    }

    /**
     * @return cgroup v2 when this process's cgroup2 hierarchy has the memory, pids and cpu controllers and
     *     takes a probe group, else v1 when its memory, pids and cpu hierarchies do, else none saying why
     */
    static Cgroups detect() {
        String cgroup;
        String mountinfo;
        try {
            cgroup = Files.readString(Path.of("/proc/self/cgroup"));
            mountinfo = Files.readString(Path.of("/proc/self/mountinfo"));
        } catch (IOException e) {
            return none("cannot read /proc/self/cgroup or /proc/self/mountinfo: " + e.getMessage());
        }
        Cgroups v2 = CgroupV2.probe(cgroup, mountinfo);
        if (v2.unavailableReason().isEmpty()) {
            return v2;
        }
        Cgroups v1 = CgroupV1.probe(cgroup, mountinfo);
        if (v1.unavailableReason().isEmpty()) {
            return v1;
        }
        return none(v2.unavailableReason().get() + "; " + v1.unavailableReason().get());
    }

    /** @return the name of this node's probe group, unique per process */
    static String probeName() {
        return "probe-" + ProcessHandle.current().pid();
    }
}
