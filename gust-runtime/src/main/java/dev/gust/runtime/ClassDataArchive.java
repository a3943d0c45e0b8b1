package dev.gust.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The class-data-sharing archive of worker JVMs: made once per JDK and worker class path by a
 * training run of the node's own worker code (no user code), kept in {@code <data>/cds}, mapped
 * read-only by every worker. It roughly halves what a cold worker spends loading classes. Until it
 * exists, or if it cannot be made, workers start without it. Thread-safe.
 */
final class ClassDataArchive {
    private static final System.Logger LOG = System.getLogger(ClassDataArchive.class.getName());
    static final String TRAIN_CLASS = "dev.gust.worker.Train";
    private final Path file;
    private volatile boolean ready;

    private ClassDataArchive(Path file, boolean ready) {
        this.file = file;
        this.ready = ready;
    }

    /** @return an archive already made for this JDK and class path, or one being made in the background */
    static ClassDataArchive start(RuntimeConfig config) {
        Path file = config.dataDir().resolve("cds").resolve("worker-" + key(config) + ".jsa");
        ClassDataArchive archive = new ClassDataArchive(file, Files.isRegularFile(file));
        if (!archive.ready) {
            Thread.ofPlatform().daemon().name("gust-cds-training").start(() -> archive.train(config));
        }
        return archive;
    }

    /** @return the archive at {@code file}, used when it exists, never trained */
    static ClassDataArchive at(Path file) {
        return new ClassDataArchive(file, Files.isRegularFile(file));
    }

    /** @return the archive, once it exists */
    Optional<Path> file() {
        return ready ? Optional.of(file) : Optional.empty();
    }

    void train(RuntimeConfig config) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "training-", ".jsa");
            Files.delete(tmp);
            List<String> cmd = new ArrayList<>(List.of(config.javaCommand().toString()));
            cmd.addAll(WorkerCommand.FAST_START);
            // the options workers run with that the archive records (the JVM refuses parts of it otherwise)
            cmd.addAll(WorkerCommand.environmentPatchFlags(config));
            cmd.addAll(List.of("-XX:ArchiveClassesAtExit=" + tmp, "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-cp",
                    classpath(config), TRAIN_CLASS));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(tmp)) {
                p.destroyForcibly();
                Files.deleteIfExists(tmp);
                LOG.log(System.Logger.Level.WARNING, "worker class-data archive not made (workers start without it): " + output.strip());
                return;
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            ready = true;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "worker class-data archive not made (workers start without it): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String classpath(RuntimeConfig config) {
        return config.workerClasspath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /** Names the archive after everything it depends on: the JDK and each class path entry's size and age. */
    static String key(RuntimeConfig config) {
        StringBuilder facts = new StringBuilder(WorkerCommand.javaHome(config.javaCommand()).toString());
        facts.append('|').append(String.join(" ", WorkerCommand.FAST_START));
        facts.append('|').append(String.join(" ", WorkerCommand.environmentPatchFlags(config)));
        for (Path p : config.workerClasspath()) {
            facts.append('|').append(p.toAbsolutePath());
            try {
                facts.append(':').append(Files.size(p)).append(':').append(Files.getLastModifiedTime(p).toMillis());
            } catch (IOException missing) {
                facts.append(":missing");
            }
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(facts.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
