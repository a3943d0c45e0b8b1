package dev.gust.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Zip archives of code: deterministic packing of a directory, and careful unpacking of archives
 * that come from outside (uploaded bundles, stored artifacts). Stateless and thread-safe.
 */
public final class Archives {
    /** An entry may expand at most this many times its compressed size (beyond {@link #RATIO_FLOOR}). */
    public static final int MAX_RATIO = 100;
    /** Entries smaller than this are never judged by their ratio: tiny files compress oddly. */
    static final long RATIO_FLOOR = 1024 * 1024;
    // 1980-02-01 rather than 1980-01-01: no time zone can push it below the DOS epoch
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);

    private Archives() {
    }

    /**
     * Limits on what an archive may unpack to.
     *
     * @param maxTotalBytes most bytes all entries may hold together, uncompressed
     * @param maxEntries most entries (files and directories)
     */
    public record Limits(long maxTotalBytes, int maxEntries) {
        public Limits {
            if (maxTotalBytes < 1 || maxEntries < 1) {
                throw new IllegalArgumentException("limits must be positive: maxTotalBytes=" + maxTotalBytes
                        + ", maxEntries=" + maxEntries);
            }
        }

        /** @return 250 MB and 10,000 entries, the limits of a function's code */
        public static Limits defaults() {
            return new Limits(250L * 1024 * 1024, 10_000);
        }
    }

    /**
     * Writes {@code dir} as a zip: entries sorted by path, with fixed timestamps, so that the same
     * files always give the same bytes (and so the same sha256). Regular files (and links to them)
     * and directories are included; other kinds of files are skipped.
     *
     * @param dir the directory to pack
     * @param out receives the zip; not closed
     */
    public static void zipDirectory(Path dir, OutputStream out) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("dir must be a directory, was " + dir);
        }
        try {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Path p : sortedEntries(dir)) {
                writeEntry(zip, dir, p);
            }
            zip.finish();
        } catch (IOException e) {
            throw new GustStoreException("could not zip " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> sortedEntries(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> !p.equals(dir))
                    .filter(p -> Files.isRegularFile(p) || Files.isDirectory(p))
                    .sorted(Comparator.comparing(p -> entryName(dir, p)))
                    .toList();
        }
    }

    private static String entryName(Path dir, Path p) {
        String name = dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
        return Files.isDirectory(p) ? name + "/" : name;
    }

    private static void writeEntry(ZipOutputStream zip, Path dir, Path p) throws IOException {
        ZipEntry entry = new ZipEntry(entryName(dir, p));
        entry.setTimeLocal(FIXED_TIME);
        zip.putNextEntry(entry);
        if (!entry.isDirectory()) {
            Files.copy(p, zip);
        }
        zip.closeEntry();
    }

    /**
     * Unpacks a zip into {@code target}, checking every entry first: its path must stay inside the
     * target (no absolute paths, no {@code ..}, no backslashes), and the archive must stay within
     * {@code limits} and {@link #MAX_RATIO}. Entries are written to a temporary sibling directory
     * that becomes {@code target} only when all of them passed, so a refused archive leaves
     * {@code target} as it was.
     *
     * @param zip the archive; read to its end, not closed
     * @param target a directory that does not exist yet or is empty
     * @param limits the limits to enforce
     * @throws ArtifactException when an entry breaks a rule or the archive is not a valid zip
     */
    public static void unzip(InputStream zip, Path target, Limits limits) {
        Path staging = stagingFor(target);
        try {
            new Unzipper(staging, limits).extract(zip);
            moveInto(staging, target);
        } catch (IOException e) {
            throw new GustStoreException("could not unpack into " + target + ": " + e.getMessage(), e);
        } finally {
            deleteTree(staging);
        }
    }

    private static Path stagingFor(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs) && !isEmptyDirectory(abs)) {
            throw new IllegalArgumentException("target must be absent or an empty directory: " + target);
        }
        try {
            Files.createDirectories(abs.getParent());
            return Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".unzip-");
        } catch (IOException e) {
            throw new GustStoreException("could not create a directory beside " + target + ": " + e.getMessage(), e);
        }
    }

    private static void moveInto(Path staging, Path target) throws IOException {
        try {
            Files.deleteIfExists(target);
        } catch (DirectoryNotEmptyException e) {
            throw new IllegalArgumentException("target must be absent or an empty directory: " + target, e);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a tree if it exists; best effort, for cleaning up after a failure. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new GustStoreException("could not delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
