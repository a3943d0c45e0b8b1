package dev.gust.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Content-addressed code artifacts under one directory: {@code blobs/<sha256>} holds the bytes,
 * {@code unpacked/<sha256>/} the zip's contents, extracted once. Blobs are written to a temporary
 * file and moved into place atomically, so a reader never sees a partial blob. Thread-safe; one
 * node owns the directory.
 */
public final class Artifacts {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private final Path blobs;
    private final Path unpacked;
    private final Path tmp;
    private final Archives.Limits limits;
    private final ConcurrentHashMap<String, Object> unpackLocks = new ConcurrentHashMap<>();

    private Artifacts(Path root, Archives.Limits limits) {
        this.blobs = root.resolve("blobs");
        this.unpacked = root.resolve("unpacked");
        this.tmp = root.resolve("tmp");
        this.limits = limits;
    }

    /**
     * Opens (creating when needed) an artifact directory, with {@link Archives.Limits#defaults()}
     * for unpacking. Leftovers of interrupted writes are removed.
     *
     * @param directory e.g. {@code <data>/artifacts}
     * @return the artifacts kept there
     */
    public static Artifacts create(Path directory) {
        return create(directory, Archives.Limits.defaults());
    }

    /**
     * @param directory e.g. {@code <data>/artifacts}
     * @param limits what one artifact may unpack to
     * @return the artifacts kept there
     */
    public static Artifacts create(Path directory, Archives.Limits limits) {
        Artifacts a = new Artifacts(directory.toAbsolutePath().normalize(), limits);
        try {
            Archives.deleteTree(a.tmp);
            Files.createDirectories(a.blobs);
            Files.createDirectories(a.unpacked);
            Files.createDirectories(a.tmp);
        } catch (IOException e) {
            throw new GustStoreException("could not create the artifact directory " + directory + ": " + e.getMessage(), e);
        }
        return a;
    }

    /**
     * Stores bytes under their sha256. Storing the same bytes again keeps the existing blob.
     *
     * @param in the content; read to its end (or just past {@code maxBytes}), not closed
     * @param maxBytes the most bytes accepted
     * @return the sha256, 64 lowercase hex digits
     * @throws ArtifactException when the content is larger than {@code maxBytes}; nothing is kept
     */
    public String put(InputStream in, long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0, was " + maxBytes);
        }
        Path part = null;
        try {
            part = Files.createTempFile(tmp, "put-", ".part");
            String sha = copyHashing(in, part, maxBytes);
            moveIfAbsent(part, blobs.resolve(sha));
            return sha;
        } catch (IOException e) {
            throw new GustStoreException("could not store an artifact: " + e.getMessage(), e);
        } finally {
            deleteQuietly(part);
        }
    }

    private static String copyHashing(InputStream in, Path part, long maxBytes) throws IOException {
        MessageDigest digest = sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), digest)) {
            in.transferTo(new LimitedOutputStream(out, maxBytes));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void moveIfAbsent(Path part, Path blob) throws IOException {
        if (Files.exists(blob)) {
            return;
        }
        try {
            Files.move(part, blob, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // a concurrent put of the same bytes won: its blob is identical
        }
    }

    /**
     * @param sha256 a content address
     * @return whether a blob with that address is stored
     */
    public boolean exists(String sha256) {
        return Files.isRegularFile(blobs.resolve(checked(sha256)));
    }

    /**
     * @param sha256 a content address
     * @return the blob's file
     * @throws ArtifactException when no such blob is stored
     */
    public Path blob(String sha256) {
        Path blob = blobs.resolve(checked(sha256));
        if (!Files.isRegularFile(blob)) {
            throw new ArtifactException("no artifact with sha256 " + sha256);
        }
        return blob;
    }

    /**
     * The blob's zip contents, extracted on first use and kept. Concurrent callers for the same
     * address get the same directory; a refused archive leaves nothing behind.
     *
     * @param sha256 a content address of a zip (or jar)
     * @return a directory holding the archive's entries; do not modify it
     * @throws ArtifactException when no such blob is stored or the archive breaks the limits
     */
    public Path unpacked(String sha256) {
        String sha = checked(sha256);
        Path dir = unpacked.resolve(sha);
        if (Files.isDirectory(dir)) {
            return dir;
        }
        synchronized (unpackLocks.computeIfAbsent(sha, k -> new Object())) {
            return Files.isDirectory(dir) ? dir : unpack(sha, dir);
        }
    }

    private Path unpack(String sha, Path dir) {
        Path work = tmp.resolve("unpack-" + sha + "-" + Thread.currentThread().threadId());
        try (InputStream in = Files.newInputStream(blob(sha))) {
            Archives.unzip(in, work, limits);
            Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // another process sharing the directory finished first; its result is the same
        } catch (IOException e) {
            throw new GustStoreException("could not unpack artifact " + sha + ": " + e.getMessage(), e);
        } finally {
            Archives.deleteTree(work);
        }
        return dir;
    }

    private static String checked(String sha256) {
        String s = sha256.toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(s).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits, was '" + sha256 + "'");
        }
        return s;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            if (p != null) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temp file is removed at the next start
        }
    }

    /** Refuses to write more than a limit, so an oversized upload stops early. */
    private static final class LimitedOutputStream extends OutputStream {
        private final OutputStream out;
        private final long max;
        private long written;

        LimitedOutputStream(OutputStream out, long max) {
            this.out = out;
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            written += len;
            if (written > max) {
                throw new ArtifactException("the artifact is larger than the limit of " + max + " bytes");
            }
            out.write(b, off, len);
        }
    }
}
