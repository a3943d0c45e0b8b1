package dev.gust.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDK workers run on: its home and version, which decide how (and whether) function AOT caches are
 * made. Immutable.
 *
 * @param home the JDK's directory
 * @param version its full version, e.g. {@code 25.0.3}
 * @param feature its feature release, e.g. {@code 25}
 */
record Jdk(Path home, String version, int feature) {
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?([^\"\\s]+)\"?");
    private static final Pattern DASH_VERSION = Pattern.compile("version \"([^\"]+)\"");

    /** How a JDK makes and maps a cache of a function's classes. */
    enum AotKind {
        /** JDK 25 and later: one training run with {@code -XX:AOTCacheOutput}; the JVM assembles the cache itself. */
        ONE_STEP,
        /** JDK 24: a recording run ({@code -XX:AOTMode=record}), then an assembly run ({@code -XX:AOTMode=create}). */
        TWO_STEP,
        /** JDK 21 to 23: a dynamic CDS archive ({@code -XX:ArchiveClassesAtExit}) over the JDK's base archive. */
        DYNAMIC_ARCHIVE,
        /** Older JDKs: no function caches. */
        NONE
    }

    /**
     * Reads the JDK of {@code javaCommand}: its {@code release} file, else what {@code java -version} says.
     *
     * @throws RuntimeSetupException when neither tells its version
     */
    static Jdk of(Path javaCommand) {
        Path home = WorkerCommand.javaHome(javaCommand);
        String version = fromRelease(home).or(() -> fromDashVersion(javaCommand))
                .orElseThrow(() -> new RuntimeSetupException("cannot tell the version of the JDK at " + home
                        + ": it has no release file and '" + javaCommand + " -version' did not say"));
        return new Jdk(home, version, feature(version));
    }

    /** @return {@code 25} for {@code 25.0.3}, {@code 24} for {@code 24-ea}, {@code 8} for {@code 1.8.0_402} */
    static int feature(String version) {
        String[] parts = version.split("[.\\-+_]");
        int first = Integer.parseInt(parts[0]);
        return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
    }

    static Optional<String> versionInRelease(String releaseText) {
        Matcher m = RELEASE_VERSION.matcher(releaseText);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** @return how this JDK makes function caches */
    AotKind aotKind() {
        if (feature >= 25) {
            return AotKind.ONE_STEP;
        }
        if (feature == 24) {
            return AotKind.TWO_STEP;
        }
        return feature >= 21 ? AotKind.DYNAMIC_ARCHIVE : AotKind.NONE;
    }

    /** @return the JVM options that map the cache {@code file} without insisting on it: a bad one is ignored */
    List<String> useFlags(Path file) {
        return aotKind() == AotKind.DYNAMIC_ARCHIVE ? List.of("-XX:SharedArchiveFile=" + file)
                : List.of("-XX:AOTCache=" + file);
    }

    /** {@code -XX:AOTCache} and its kin refuse to start next to any {@code -Xshare} option. */
    boolean aotRefusesXshare() {
        return aotKind() == AotKind.ONE_STEP || aotKind() == AotKind.TWO_STEP;
    }

    /** @return the cache file's extension */
    String extension() {
        return aotKind() == AotKind.DYNAMIC_ARCHIVE ? ".jsa" : ".aot";
    }

    private static Optional<String> fromRelease(Path home) {
        try {
            return versionInRelease(Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> fromDashVersion(Path javaCommand) {
        try {
            Process p = new ProcessBuilder(javaCommand.toString(), "-version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            Matcher m = DASH_VERSION.matcher(out);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
