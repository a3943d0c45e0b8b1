package dev.gust.runtime;

import dev.gust.store.FunctionVersion;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How a worker JVM is launched for a function: its command line, environment and the host paths it
 * needs to read. Stateless; thread-safe.
 */
final class WorkerCommand {
    static final String MAIN_CLASS = "dev.gust.worker.Main";
    /** Start fast, stay small: one GC thread, C1 only, CDS, no perf file, small stacks. */
    static final List<String> FAST_START = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
            "-XX:-UsePerfData", "-Xss512k", "-Xmn8m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20",
            "-XX:ReservedCodeCacheSize=32m");

    private final RuntimeConfig config;
    private final List<Path> readOnlyPaths;
    private final ClassDataArchive archive;
    private final AotCaches aot;

    WorkerCommand(RuntimeConfig config, ClassDataArchive archive) {
        this(config, archive, AotCaches.disabled(config));
    }

    WorkerCommand(RuntimeConfig config, ClassDataArchive archive, AotCaches aot) {
        this.config = config;
        this.readOnlyPaths = readOnlyPaths(config);
        this.archive = archive;
        this.aot = aot;
    }

    /**
     * @param version the function version
     * @return the command line of its worker: with the function's AOT cache when one was made for exactly
     *     this JDK, worker and code (see {@link AotCaches#usedBy}), else with the worker's class-data archive
     */
    List<String> command(FunctionVersion version) {
        return aot.cacheFor(version)
                .map(cache -> build(version.spec().memoryMb(), aot.jdk().aotRefusesXshare(), aot.jdk().useFlags(cache)))
                .orElseGet(() -> stemCommand(version.spec().memoryMb()));
    }

    /**
     * The command line of a stem cell of a memory class: the same JVM, options, class-data archive and
     * class path as a worker started without an AOT cache for a function of that memory size, so a
     * function sees the same JVM either way.
     */
    List<String> stemCommand(int memoryMb) {
        return build(memoryMb, false, archive.file().map(f -> "-XX:SharedArchiveFile=" + f).stream().toList());
    }

    /**
     * @param trainingFlags the options that make the JVM record or write an AOT cache
     * @return the command line of a training run of the version: no cache or archive of its own
     */
    List<String> trainingCommand(FunctionVersion version, List<String> trainingFlags) {
        return build(version.spec().memoryMb(), aot.jdk().aotRefusesXshare(), trainingFlags);
    }

    /**
     * What a stem cell needs to take a function's environment as its own without the JVM warning on
     * the function's first invocation: reading the JDK's map with {@code sun.misc.Unsafe} is allowed
     * without a warning. Given to every worker so that stem cells and fresh workers run with the same
     * options. No native-access option: {@code --enable-native-access} keeps the JVM from using the
     * archived module graph of the worker's class-data archive, {@code --illegal-native-access} that of
     * a function's AOT cache (measured: 60 ms more per AOT cold start); the stem cell's one warning
     * about binding {@code setenv} is written before its Hello, into the node's log.
     */
    static List<String> environmentPatchFlags(int jdkFeature) {
        return jdkFeature >= 23 ? List.of("--sun-misc-unsafe-memory-access=allow") : List.of();
    }

    /** @return {@link #environmentPatchFlags(int)} for the JDK of {@code config}'s workers; none when its version is unknown */
    static List<String> environmentPatchFlags(RuntimeConfig config) {
        try {
            return environmentPatchFlags(Jdk.of(config.javaCommand()).feature());
        } catch (RuntimeSetupException e) {
            return List.of();
        }
    }

    private List<String> build(int memoryMb, boolean withoutXshare, List<String> sharing) {
        List<String> cmd = new ArrayList<>();
        cmd.add(config.javaCommand().toString());
        FAST_START.stream().filter(f -> !(withoutXshare && f.startsWith("-Xshare"))).forEach(cmd::add);
        cmd.addAll(environmentPatchFlags(aot.jdk().feature()));
        cmd.addAll(heapFlags(memoryMb));
        cmd.addAll(sharing);
        cmd.addAll(config.workerJvmOptions());
        cmd.add("-cp");
        cmd.add(config.workerClasspath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        cmd.add(MAIN_CLASS);
        return List.copyOf(cmd);
    }

    /** @return the function AOT cache a command line of {@link #command} maps, if any */
    Optional<Path> functionCache(List<String> command) {
        return aot.usedBy(command);
    }

    /** @return the heap and metaspace limits of a memory class */
    static List<String> heapFlags(int memoryMb) {
        return List.of("-Xmx" + heapMb(memoryMb) + "m", "-XX:MaxMetaspaceSize=" + metaspaceMb(memoryMb) + "m");
    }

    /**
     * The worker's whole environment (the sandbox adds GUST_CODE and GUST_SOCKET). The function's
     * own variables are listed in GUST_USER_ENV so the worker shows only those to the function;
     * a function variable never overrides a GUST_ one.
     */
    Map<String, String> environment(FunctionVersion version, String instanceId) {
        var spec = version.spec();
        Map<String, String> env = new TreeMap<>();
        spec.environment().forEach((k, v) -> {
            if (!k.startsWith("GUST_")) {
                env.put(k, v);
            }
        });
        env.put("GUST_USER_ENV", String.join(",", new TreeMap<>(env).keySet()));
        env.put("GUST_HANDLER", spec.handler());
        env.put("GUST_FUNCTION_NAME", spec.name());
        env.put("GUST_FUNCTION_VERSION", Integer.toString(version.version()));
        env.put("GUST_MEMORY_MB", Integer.toString(spec.memoryMb()));
        env.put("GUST_INSTANCE_ID", instanceId);
        // glibc's per-thread malloc arenas cost a worker JVM megabytes of resident memory for nothing
        env.put("MALLOC_ARENA_MAX", "2");
        env.put("GUST_LOG_CAP_BYTES", Long.toString(config.logCapBytes()));
        return Map.copyOf(env);
    }

    /**
     * The environment a stem cell starts with: the node-wide settings of a worker, none of a
     * function's; {@code Specialize} brings the rest.
     */
    Map<String, String> stemEnvironment(int memoryMb, String instanceId) {
        Map<String, String> env = new TreeMap<>();
        env.put("GUST_STEM_CELL", "1");
        env.put("GUST_MEMORY_MB", Integer.toString(memoryMb));
        env.put("GUST_INSTANCE_ID", instanceId);
        env.put("MALLOC_ARENA_MAX", "2");
        env.put("GUST_LOG_CAP_BYTES", Long.toString(config.logCapBytes()));
        return Map.copyOf(env);
    }

    /** @return the JDK home and the worker class path entries, which the sandbox shows read-only */
    List<Path> readOnlyPaths() {
        return archive.file().map(f -> Stream.concat(readOnlyPaths.stream(), Stream.of(f)).toList())
                .orElse(readOnlyPaths);
    }

    /**
     * @return what the sandbox shows read-only to a worker of {@code version}: {@link #readOnlyPaths()} and
     *     the version's AOT cache, when it has one
     */
    List<Path> readOnlyPaths(FunctionVersion version) {
        List<Path> common = readOnlyPaths();
        return aot.cacheFor(version).map(f -> Stream.concat(common.stream(), Stream.of(f)).toList()).orElse(common);
    }

    /** The heap gets ~70% of the limit; metaspace, code cache and thread stacks need the rest. */
    static int heapMb(int memoryMb) {
        return memoryMb * 7 / 10;
    }

    static int metaspaceMb(int memoryMb) {
        return Math.min(256, Math.max(64, memoryMb / 8));
    }

    private static List<Path> readOnlyPaths(RuntimeConfig config) {
        var paths = new LinkedHashSet<Path>();
        paths.add(javaHome(config.javaCommand()));
        config.workerClasspath().forEach(p -> paths.add(p.toAbsolutePath().normalize()));
        return List.copyOf(paths);
    }

    /** {@code <home>/bin/java} -> {@code <home>}, following links so the real JDK directory is shown. */
    static Path javaHome(Path javaCommand) {
        Path real;
        try {
            real = javaCommand.toRealPath();
        } catch (java.io.IOException e) {
            real = javaCommand.toAbsolutePath().normalize();
        }
        Path bin = real.getParent();
        return bin != null && bin.getParent() != null ? bin.getParent() : real;
    }
}
