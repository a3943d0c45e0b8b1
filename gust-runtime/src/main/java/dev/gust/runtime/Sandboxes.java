package dev.gust.runtime;

import dev.gust.runtime.RuntimeConfig.SandboxMode;
import dev.gust.runtime.Sandbox.LaunchSpec;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Chooses the node's sandbox and prepares what every sandbox needs (run directories, checks). */
final class Sandboxes {
    static final String CODE_VARIABLE = "GUST_CODE";
    static final String CHANNEL_VARIABLE = "GUST_CHANNEL";
    /** The longest Unix socket path: {@code sun_path} is 108 bytes including the terminating NUL. */
    static final int MAX_SOCKET_PATH_BYTES = 107;
    static final long PROBE_TIMEOUT_SECONDS = 10;

    private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MIN_MEMORY_MB = 16;

    private Sandboxes() {
    }

    /**
     * Picks the sandbox for {@code mode}, with bubblewrap looked up on {@code PATH} and cgroups probed.
     *
     * @throws SandboxException when {@code mode} is {@code BWRAP} and bubblewrap does not work here
     */
    static Sandbox select(SandboxMode mode, Path dataDir) {
        return select(mode, dataDir, findOnPath("bwrap"), Cgroups.detect());
    }

    /**
     * @param bwrap the bubblewrap executable to use (need not exist)
     * @param cgroups the limits to apply
     */
    static Sandbox select(SandboxMode mode, Path dataDir, Path bwrap, Cgroups cgroups) {
        if (mode == SandboxMode.PROCESS) {
            return new ProcessSandbox(cgroups, Optional.empty());
        }
        Optional<String> broken = probe(bwrap);
        if (broken.isEmpty()) {
            return new BwrapSandbox(bwrap, dataDir, cgroups);
        }
        if (mode == SandboxMode.BWRAP) {
            throw new SandboxException("sandbox mode BWRAP needs bubblewrap, but " + broken.get()
                    + "; install bubblewrap or choose sandbox mode PROCESS");
        }
        return new ProcessSandbox(cgroups,
                Optional.of(broken.get() + "; functions run as plain processes without isolation"));
    }

    /** @return why bubblewrap at {@code bwrap} cannot sandbox here, or empty when it can */
    static Optional<String> probe(Path bwrap) {
        if (!Files.isExecutable(bwrap)) {
            return Optional.of("bubblewrap not found (no executable " + bwrap + ")");
        }
        List<String> command = List.of(bwrap.toString(), "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev",
                "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-net", "--cap-drop", "ALL",
                "--die-with-parent", "--new-session", "true");
        try {
            Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
            probe.getOutputStream().close();
            return verdict(bwrap, probe);
        } catch (IOException e) {
            return Optional.of("bubblewrap " + bwrap + " cannot be started: " + e.getMessage());
        }
    }

    private static Optional<String> verdict(Path bwrap, Process probe) throws IOException {
        try {
            if (!probe.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return Optional.of("bubblewrap " + bwrap + " did not finish a trial run within "
                        + PROBE_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            probe.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while trying bubblewrap " + bwrap, e);
        }
        if (probe.exitValue() == 0) {
            return Optional.empty();
        }
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return Optional.of("bubblewrap " + bwrap + " cannot create namespaces here (exit "
                + probe.exitValue() + ": " + output + ")");
    }

    /** @return the first {@code name} on {@code PATH}, else a path that does not exist */
    static Path findOnPath(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(Path.of(name));
    }

    /**
     * The host directory for an instance's socket: {@code <dataDir>/run/<instanceId>} when its socket path
     * fits a Unix socket address, else {@code /tmp/gust-<hash of dataDir>/<instanceId>}.
     *
     * @throws IllegalArgumentException when {@code instanceId} is not a valid id or too long for either place
     */
    static Path runDirFor(Path dataDir, String instanceId) {
        checkInstanceId(instanceId);
        Path inData = dataDir.toAbsolutePath().normalize().resolve("run").resolve(instanceId);
        if (fitsSocket(inData)) {
            return inData;
        }
        Path inTmp = shortRunRoot(dataDir).resolve(instanceId);
        if (!fitsSocket(inTmp)) {
            throw new IllegalArgumentException("instanceId: too long for a Unix socket path (" + inTmp + ")");
        }
        return inTmp;
    }

    /**
     * Creates (afresh, mode 0700) the run directory {@link #runDirFor} names. The sandbox deletes it when
     * the instance's process has ended.
     *
     * @throws IOException when it cannot be created, or a shared parent under {@code /tmp} is not ours
     */
    static Path createRunDir(Path dataDir, String instanceId) throws IOException {
        Path dir = runDirFor(dataDir, instanceId);
        if (dir.startsWith(shortRunRoot(dataDir))) {
            createPrivateDirectory(dir.getParent());
        } else {
            Files.createDirectories(dir.getParent());
        }
        LaunchedProcess.deleteTree(dir);
        createPrivateDirectory(dir);
        return dir;
    }

    private static boolean fitsSocket(Path runDir) {
        String socket = runDir.resolve(LaunchSpec.SOCKET_NAME).toString();
        return socket.getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH_BYTES;
    }

    private static Path shortRunRoot(Path dataDir) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(dataDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return Path.of("/tmp", "gust-" + HexFormat.of().formatHex(digest, 0, 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Creates {@code dir} with mode 0700, or checks that an existing one is a private directory of ours. */
    private static void createPrivateDirectory(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                return;
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another instance created it first; check it below
            }
        }
        Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Object self = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS));
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !owner.equals(self) || !mode.equals("rwx------")) {
            throw new IOException(dir + " must be a directory owned by uid " + self + " with mode 0700 (is uid "
                    + owner + ", " + mode + "); remove it");
        }
    }

    /**
     * @throws IllegalArgumentException naming the first field of {@code spec} that is unusable
     */
    static void check(LaunchSpec spec) {
        checkInstanceId(spec.instanceId());
        require(!spec.command().isEmpty(), "command: must not be empty");
        require(spec.memoryMb() >= MIN_MEMORY_MB, "memoryMb: must be >= " + MIN_MEMORY_MB + ", was " + spec.memoryMb());
        checkDirectory("codeDir", spec.codeDir());
        checkDirectory("runDir", spec.runDir());
        spec.outputDir().ifPresent(dir -> checkDirectory("outputDir", dir));
        spec.readOnlyPaths().forEach(p -> require(p.isAbsolute() && Files.exists(p),
                "readOnlyPaths: " + p + " must be an absolute path that exists"));
        spec.environment().forEach(Sandboxes::checkVariable);
    }

    private static void checkInstanceId(String instanceId) {
        require(INSTANCE_ID.matcher(instanceId).matches(),
                "instanceId: must be 1..64 of [A-Za-z0-9._-] starting with a letter or digit, was '" + instanceId + "'");
    }

    private static void checkDirectory(String field, Path dir) {
        require(dir.isAbsolute() && Files.isDirectory(dir), field + ": " + dir + " must be an absolute path of a directory");
    }

    private static void checkVariable(String name, String value) {
        require(!name.isEmpty() && name.indexOf('=') < 0 && name.indexOf('\0') < 0 && value.indexOf('\0') < 0,
                "environment: '" + name + "' is not a valid variable (no '=' or NUL in names, no NUL in values)");
        require(!name.equals(CODE_VARIABLE) && !name.equals(CHANNEL_VARIABLE),
                "environment: must not set " + name + "; the sandbox sets it");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("launch spec " + message);
        }
    }

    /** @return the sandbox's fallback reason joined with why cgroups are unavailable, if any */
    static Optional<String> joinReasons(Optional<String> fallbackReason, Cgroups cgroups) {
        Optional<String> noLimits = cgroups.unavailableReason()
                .map(why -> "cgroups unavailable (" + why + "); instances run without memory, cpu and pids limits");
        String joined = Stream.of(fallbackReason, noLimits).flatMap(Optional::stream).collect(Collectors.joining("; "));
        return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
    }

    /**
     * @param beforeExec shell commands run after joining and before the exec, ending in {@code " && "}
     * @return a command prefix that moves itself into {@code cgroup}, then execs the arguments after it
     */
    static List<String> joinCgroup(Cgroup cgroup, String beforeExec) {
        String join = cgroup.procsFiles().stream()
                .map(f -> "echo $$ > " + shellQuote(f.toString()) + " && ")
                .collect(Collectors.joining());
        return List.of("/bin/sh", "-c", join + beforeExec + "exec \"$@\"", "sh");
    }

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static Map<String, String> sandboxVariables(String codeDir, String runDir) {
        return Map.of(CODE_VARIABLE, codeDir, CHANNEL_VARIABLE, runDir);
    }
}
