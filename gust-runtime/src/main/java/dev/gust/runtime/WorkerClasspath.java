package dev.gust.runtime;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the worker runtime (gust-worker and what it needs: gust-protocol, gust-sdk, Jackson) among
 * the node's own class path, so a node launches workers from the same build it runs. Stateless.
 */
public final class WorkerClasspath {
    private static final String ARTIFACTS =
            "gust-worker|gust-protocol|gust-sdk|jackson-core|jackson-databind|jackson-annotations";
    /** A released or snapshot jar, e.g. {@code jackson-core-2.22.3.jar}. */
    private static final Pattern JAR = Pattern.compile("(" + ARTIFACTS + ")-\\d[^/]*\\.jar");
    /** A module's compiled classes in a development or test run, e.g. {@code gust-worker/target/classes}. */
    private static final Pattern CLASSES = Pattern.compile(".*/(" + ARTIFACTS + ")/target/classes/?");

    private WorkerClasspath() {
    }

    /**
     * @return the worker's class path entries, in class path order
     * @throws RuntimeSetupException when gust-worker is not on this process's class path
     */
    public static List<Path> fromCurrentProcess() {
        return fromClassPath(System.getProperty("java.class.path", ""));
    }

    /**
     * @param classPath a class path in the platform's form
     * @return the worker's entries of it
     * @throws RuntimeSetupException when gust-worker is not among them
     */
    static List<Path> fromClassPath(String classPath) {
        List<Path> entries = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(e -> !e.isBlank())
                .filter(WorkerClasspath::belongsToWorker)
                .map(e -> Path.of(e).toAbsolutePath())
                .toList();
        if (entries.stream().noneMatch(p -> p.toString().contains("gust-worker"))) {
            throw new RuntimeSetupException("gust-worker is not on the class path (java.class.path: " + abbreviate(classPath)
                    + "); add the gust-worker jar (or gust-worker/target/classes in a development build) so the node"
                    + " can launch workers");
        }
        return entries;
    }

    private static boolean belongsToWorker(String entry) {
        String unix = entry.replace(File.separatorChar, '/');
        String name = unix.substring(unix.lastIndexOf('/', unix.length() - 2) + 1);
        return JAR.matcher(name).matches() || CLASSES.matcher(unix).matches();
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
