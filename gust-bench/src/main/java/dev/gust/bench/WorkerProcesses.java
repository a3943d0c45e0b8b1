package dev.gust.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds worker JVMs through /proc and reads their resident memory. */
final class WorkerProcesses {
    /** USER_HZ: 100 on every Linux this runs on (the kernel's ABI, whatever its internal HZ). */
    private static final long CLOCK_TICKS = 100;

    private WorkerProcesses() {
    }

    static List<Long> pids() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                if (isWorkerJvm(p)) {
                    pids.add(Long.parseLong(p.getFileName().toString()));
                }
            }
        }
        return pids;
    }

    private static boolean isWorkerJvm(Path proc) {
        try {
            String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
            return cmdline.contains("dev.gust.worker.Main") && cmdline.split("\0")[0].endsWith("java");
        } catch (IOException gone) {
            return false;
        }
    }

    /** @return the CPU time (user + system) the process has used, from /proc at clock-tick resolution */
    static Optional<Long> cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of((Long.parseLong(f[11]) + Long.parseLong(f[12])) * (1_000_000_000L / CLOCK_TICKS));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /** @return the CPU time of every worker JVM now, by pid */
    static Map<Long, Long> cpuNanos() throws IOException {
        Map<Long, Long> out = new HashMap<>();
        for (long pid : pids()) {
            cpuNanos(pid).ifPresent(n -> out.put(pid, n));
        }
        return out;
    }

    /** @return CPU used between two snapshots; a worker that started in between counts from zero */
    static long cpuNanosBetween(Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (var e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    static Optional<Long> rssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst();
        } catch (IOException gone) {
            return Optional.empty();
        }
    }
}
