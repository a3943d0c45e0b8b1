package dev.gust.worker;

import dev.gust.protocol.Frame;
import dev.gust.protocol.FrameChannel;
import dev.gust.protocol.ProtocolException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A worker started without a function ({@code GUST_STEM_CELL=1}): after its {@code Hello} it waits
 * for the node's {@code Specialize}, whose environment it then takes as its own (see
 * {@link #environment}). Used by the worker's main thread only.
 */
final class StemCell {
    /** The variable that makes a worker a stem cell; a specialised worker never shows it. */
    static final String FLAG = "GUST_STEM_CELL";
    /** What the stem cell keeps of its own environment: where the code is linked and where the node listens. */
    static final List<String> KEPT = List.of("GUST_CODE", "GUST_CHANNEL", "GUST_SOCKET");
    /** Read at the JVM's (or the dynamic loader's) start: a specialised worker cannot honour a change. */
    static final Set<String> READ_AT_START = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS",
            "LANG", "LD_PRELOAD", "LD_LIBRARY_PATH", "GLIBC_TUNABLES", "MALLOC_ARENA_MAX");

    private StemCell() {
    }

    /** @return whether {@code env} starts a stem cell */
    static boolean isStemCell(Map<String, String> env) {
        return "1".equals(env.get(FLAG));
    }

    /** What came while the stem cell waited. */
    sealed interface Outcome {
        /** @param environment the Specialize frame's environment, as sent */
        record Specialized(Map<String, String> environment) implements Outcome {
        }

        /** @param status the exit status: the worker ends without a function */
        record Exit(int status) implements Outcome {
        }
    }

    /**
     * Waits for {@code Specialize}. {@code Shutdown} or the end of the channel end the worker with
     * status 0; any other frame, or one that is not valid, with status 2 and a diagnostic.
     */
    static Outcome awaitSpecialize(FrameChannel channel, PrintStream diagnostics) {
        try {
            return switch (channel.receive().orElse(null)) {
                case null -> new Outcome.Exit(Worker.EXIT_OK);
                case Frame.Shutdown shutdown -> new Outcome.Exit(Worker.EXIT_OK);
                case Frame.Specialize specialize -> new Outcome.Specialized(specialize.environment());
                case Frame other -> broken(diagnostics, "a stem cell expects Specialize or Shutdown after Hello, got " + other);
            };
        } catch (ProtocolException e) {
            return broken(diagnostics, "invalid frame from the node while waiting for Specialize: " + e.getMessage());
        } catch (IOException e) {
            return new Outcome.Exit(Worker.EXIT_OK); // the node is gone
        }
    }

    private static Outcome broken(PrintStream diagnostics, String problem) {
        diagnostics.println("gust-worker: " + problem);
        return new Outcome.Exit(Worker.EXIT_BROKEN);
    }

    /**
     * The environment of the specialised worker: exactly the Specialize map plus the stem cell's own
     * {@link #KEPT} variables (which win over the map's), without {@link #FLAG}.
     *
     * @param own the environment the stem cell was started with
     * @param specialized the Specialize frame's environment
     * @return the environment a worker started for the function would have had
     * @throws InvalidSpecializeException naming each variable that cannot be an environment
     *     variable, or that the JVM read at its start with a different value
     */
    static Map<String, String> environment(Map<String, String> own, Map<String, String> specialized)
            throws InvalidSpecializeException {
        var merged = new HashMap<>(specialized);
        KEPT.stream().filter(own::containsKey).forEach(name -> merged.put(name, own.get(name)));
        merged.remove(FLAG);
        var problems = new ArrayList<String>();
        merged.forEach((name, value) -> problems.addAll(malformed(name, value)));
        problems.addAll(readAtStart(own, merged));
        if (!problems.isEmpty()) {
            throw new InvalidSpecializeException(problems);
        }
        return Map.copyOf(merged);
    }

    private static List<String> malformed(String name, String value) {
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            return List.of("'" + name + "': a variable's name must be non-empty, without '=' or NUL");
        }
        return value.indexOf('\0') >= 0 ? List.of(name + ": a value must not contain NUL") : List.of();
    }

    private static List<String> readAtStart(Map<String, String> own, Map<String, String> merged) {
        var names = new TreeSet<String>();
        names.addAll(own.keySet());
        names.addAll(merged.keySet());
        return names.stream()
                .filter(n -> READ_AT_START.contains(n) || n.startsWith("LC_"))
                .filter(n -> !Objects.equals(own.get(n), merged.get(n)))
                .map(n -> n + ": the JVM read it at start as " + shown(own.get(n)) + ", the function needs "
                        + shown(merged.get(n)) + "; a stem cell cannot change it, start a worker for this function")
                .toList();
    }

    private static String shown(String value) {
        return value == null ? "unset" : "'" + value + "'";
    }

    /** The Specialize frame's environment cannot become this process's. */
    static final class InvalidSpecializeException extends Exception {
        InvalidSpecializeException(List<String> problems) {
            super("invalid Specialize environment: " + String.join("; ", problems));
        }
    }
}
