package dev.gust.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reading and writing cgroup control files, and the parts of {@code /proc} that say where they are. */
final class CgroupFiles {

    private CgroupFiles() {
    }

    /** Writes {@code value} to a control file (which exists: cgroup files are never created). */
    static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.US_ASCII);
    }

    /** @return whether the write succeeded */
    static boolean tryWrite(Path file, String value) {
        try {
            write(file, value);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the value of {@code key} in a "key value" per line file, if the file and key exist */
    static Optional<Long> readKeyed(Path file, String key) {
        try {
            return Files.readAllLines(file).stream()
                    .map(line -> line.strip().split("\\s+"))
                    .filter(kv -> kv.length == 2 && kv[0].equals(key))
                    .map(kv -> Long.parseLong(kv[1]))
                    .findFirst();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** @return the pids listed in a {@code cgroup.procs} file; none when it is gone */
    static List<Long> pids(Path procsFile) {
        try {
            return Files.readAllLines(procsFile).stream().filter(l -> !l.isBlank()).map(Long::parseLong).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * One mount from {@code /proc/self/mountinfo}.
     *
     * @param root the directory of the filesystem that is mounted (not {@code /} inside a cgroup namespace)
     * @param superOptions for cgroup v1, the controllers of the hierarchy among the other options
     */
    record Mount(Path mountPoint, String root, String fsType, List<String> superOptions) {

        /** @return the mounts in {@code mountinfo} text */
        static List<Mount> parseAll(String mountinfo) {
            return mountinfo.lines().map(Mount::parse).flatMap(Optional::stream).toList();
        }

        private static Optional<Mount> parse(String line) {
            String[] halves = line.split(" - ", 2);
            String[] fields = halves[0].split(" ");
            if (halves.length < 2 || fields.length < 5) {
                return Optional.empty();
            }
            String[] tail = halves[1].split(" ");
            List<String> options = tail.length > 2 ? List.of(tail[2].split(",")) : List.of();
            return Optional.of(new Mount(Path.of(unescape(fields[4])), unescape(fields[3]), tail[0], options));
        }

        /** mountinfo escapes space, tab, newline and backslash as octal. */
        private static String unescape(String field) {
            return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
        }

        /**
         * @param cgroupPath a path from {@code /proc/self/cgroup}
         * @return where that cgroup's directory is in this mount, unless the mount does not hold it
         */
        Optional<Path> directoryOf(String cgroupPath) {
            if (root.equals("/")) {
                return Optional.of(Path.of(mountPoint + cgroupPath).normalize());
            }
            if (cgroupPath.equals(root) || cgroupPath.startsWith(root + "/")) {
                return Optional.of(Path.of(mountPoint + cgroupPath.substring(root.length())).normalize());
            }
            return Optional.empty();
        }
    }

    /**
     * One line of {@code /proc/self/cgroup}: {@code id:controllers:path}.
     *
     * @param controllers the v1 controllers of the hierarchy (empty for the v2 one)
     */
    record Membership(List<String> controllers, String path) {

        static List<Membership> parseAll(String procSelfCgroup) {
            return procSelfCgroup.lines().map(line -> line.split(":", 3)).filter(f -> f.length == 3)
                    .map(f -> new Membership(f[1].isEmpty() ? List.of() : List.of(f[1].split(",")), f[2]))
                    .toList();
        }
    }
}
