package dev.gust.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds worker JVMs through /proc and reads their resident memory. */
final class WorkerProcesses {
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
