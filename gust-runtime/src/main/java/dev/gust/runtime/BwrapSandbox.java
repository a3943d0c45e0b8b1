package dev.gust.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs a worker under bubblewrap: its own pid, ipc and uts namespaces (and network, unless allowed), no
 * capabilities, a read-only root holding only the system directories, a private size-limited {@code /tmp},
 * the code read-only at {@value LaunchSpec#CODE_MOUNT} and the run directory at {@value LaunchSpec#RUN_MOUNT};
 * the node's data directory is not visible. Thread-safe.
 */
final class BwrapSandbox implements Sandbox {
    /** The size of each instance's private {@code /tmp}. */
    static final long TMP_BYTES = 64L * 1024 * 1024;
    private static final List<String> SYSTEM_DIRS = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");
    /** What the JVM, the C library and TLS need from {@code /etc}; the rest of it stays hidden. */
    private static final List<String> ETC_ENTRIES = List.of("passwd", "group", "hosts", "resolv.conf", "nsswitch.conf",
            "localtime", "timezone", "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "ssl", "ca-certificates",
            "alternatives", "host.conf", "gai.conf", "mime.types");

    private final Path bwrap;
    private final Path dataDir;
    private final Cgroups cgroups;
    private final SandboxInfo info;

    BwrapSandbox(Path bwrap, Path dataDir, Cgroups cgroups) {
        this.bwrap = bwrap;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.cgroups = cgroups;
        this.info = new SandboxInfo("bwrap", cgroups.kind(), Sandboxes.joinReasons(Optional.empty(), cgroups));
    }

    @Override
    public SandboxInfo info() {
        return info;
    }

    @Override
    public SandboxedProcess launch(LaunchSpec spec) throws IOException {
        Sandboxes.check(spec);
        checkHidesDataDir(spec);
        Cgroup cgroup = cgroups.create(spec.instanceId(), spec.memoryMb());
        List<String> command = new ArrayList<>();
        if (!cgroup.procsFiles().isEmpty()) {
            command.addAll(Sandboxes.joinCgroup(cgroup, ""));
        }
        command.addAll(arguments(spec));
        ProcessBuilder builder = new ProcessBuilder(command).directory(spec.runDir().toFile());
        builder.environment().clear();
        return LaunchedProcess.start(builder, cgroup, spec.runDir());
    }

    /** A read-only path that holds the data directory would show it inside. */
    private void checkHidesDataDir(LaunchSpec spec) {
        for (Path p : spec.readOnlyPaths()) {
            if (dataDir.startsWith(p.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("launch spec readOnlyPaths: " + p
                        + " contains the node's data directory " + dataDir + ", which functions must not see");
            }
        }
    }

    /** @return the bwrap command line; later mounts go over earlier ones, so the order matters */
    List<String> arguments(LaunchSpec spec) {
        List<String> args = new ArrayList<>(List.of(bwrap.toString(), "--die-with-parent", "--new-session",
                "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--cap-drop", "ALL"));
        if (!spec.network()) {
            args.add("--unshare-net");
        }
        environment(spec.environment(), args);
        systemMounts(args);
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--size", Long.toString(TMP_BYTES), "--tmpfs", "/tmp"));
        hideDataDir(args);
        spec.readOnlyPaths().forEach(p -> args.addAll(List.of("--ro-bind", p.toString(), p.toString())));
        spec.outputDir().ifPresent(p -> args.addAll(List.of("--bind", p.toString(), p.toString())));
        args.addAll(List.of("--ro-bind", spec.codeDir().toString(), LaunchSpec.CODE_MOUNT,
                "--bind", spec.runDir().toString(), LaunchSpec.RUN_MOUNT,
                "--remount-ro", "/", "--chdir", LaunchSpec.CODE_MOUNT, "--"));
        if (!spec.environment().containsKey("PWD")) {
            // bwrap sets PWD with --chdir; the worker's environment is exactly what the spec says.
            args.addAll(List.of("/usr/bin/env", "-u", "PWD"));
        }
        args.addAll(spec.command());
        return args;
    }

    private static void environment(Map<String, String> environment, List<String> args) {
        args.add("--clearenv");
        environment.forEach((name, value) -> args.addAll(List.of("--setenv", name, value)));
        Sandboxes.sandboxVariables(LaunchSpec.CODE_MOUNT, LaunchSpec.RUN_MOUNT)
                .forEach((name, value) -> args.addAll(List.of("--setenv", name, value)));
    }

    /** Mirrors merged-/usr symlinks ({@code /lib -> usr/lib}) as symlinks, binds real directories read-only. */
    private static void systemMounts(List<String> args) {
        for (String dir : SYSTEM_DIRS) {
            mirror(Path.of(dir), args);
        }
        for (Path etc : etcEntries()) {
            args.addAll(List.of("--ro-bind", etc.toString(), etc.toString()));
        }
    }

    private static void mirror(Path path, List<String> args) {
        try {
            if (Files.isSymbolicLink(path)) {
                args.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), path.toString()));
            } else if (Files.isDirectory(path)) {
                args.addAll(List.of("--ro-bind", path.toString(), path.toString()));
            }
        } catch (IOException e) {
            throw new SandboxException("cannot read system path " + path + " for the sandbox", e);
        }
    }

    /** @return the {@code /etc} entries to show: {@link #ETC_ENTRIES} and the JDKs' {@code /etc/java*} */
    private static List<Path> etcEntries() {
        List<Path> entries = new ArrayList<>();
        ETC_ENTRIES.stream().map(e -> Path.of("/etc", e)).filter(Files::exists).forEach(entries::add);
        try (Stream<Path> etc = Files.list(Path.of("/etc"))) {
            etc.filter(p -> p.getFileName().toString().startsWith("java")).sorted().forEach(entries::add);
        } catch (IOException e) {
            throw new SandboxException("cannot list /etc for the sandbox", e);
        }
        return entries;
    }

    /** The data directory would show through a system directory that holds it: cover it with an empty tmpfs. */
    private void hideDataDir(List<String> args) {
        boolean underSystemDir = Stream.concat(SYSTEM_DIRS.stream(), Stream.of("/etc"))
                .anyMatch(dir -> dataDir.startsWith(dir));
        if (underSystemDir) {
            args.addAll(List.of("--size", "4096", "--tmpfs", dataDir.toString()));
        }
    }
}
