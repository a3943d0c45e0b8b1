package dev.gust.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Extracts one archive into a fresh directory, enforcing the limits while bytes are written (so a
 * zip bomb is stopped early, not after it filled the disk). Entries only ever become regular files
 * and directories (a symlink entry is written as a plain file holding its target), so no entry can
 * plant a link that a later entry would follow out of the directory. Single use; not thread-safe.
 */
final class Unzipper {
    private final Path root;
    private final Archives.Limits limits;
    private final byte[] buffer = new byte[64 * 1024];
    private CountingInputStream raw;
    private long total;
    private int entries;

    Unzipper(Path root, Archives.Limits limits) {
        this.root = root;
        this.limits = limits;
    }

    void extract(InputStream in) throws IOException {
        raw = new CountingInputStream(in);
        ZipInputStream zip = new ZipInputStream(raw);
        try {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                extractEntry(zip, e);
            }
        } catch (ZipException | IllegalArgumentException e) {
            throw new ArtifactException("the archive is not a valid zip: " + e.getMessage(), e);
        }
        if (entries == 0) {
            throw new ArtifactException("the archive has no entries (is it a zip?)");
        }
    }

    private void extractEntry(ZipInputStream zip, ZipEntry e) throws IOException {
        if (++entries > limits.maxEntries()) {
            throw new ArtifactException("the archive has more than " + limits.maxEntries() + " entries");
        }
        Path dest = EntryPaths.resolve(root, e.getName());
        if (e.isDirectory()) {
            Files.createDirectories(dest);
            return;
        }
        Files.createDirectories(dest.getParent());
        try (OutputStream out = Files.newOutputStream(dest, StandardOpenOption.CREATE_NEW)) {
            copy(zip, out, e.getName());
        } catch (FileAlreadyExistsException dup) {
            throw new ArtifactException("entry " + e.getName() + " appears twice in the archive", dup);
        }
    }

    private void copy(ZipInputStream zip, OutputStream out, String name) throws IOException {
        long compressedStart = raw.count();
        long written = 0;
        for (int n = zip.read(buffer); n >= 0; n = zip.read(buffer)) {
            written += n;
            total += n;
            checkTotal(name);
            checkRatio(name, written, raw.count() - compressedStart);
            out.write(buffer, 0, n);
        }
    }

    private void checkTotal(String name) {
        if (total > limits.maxTotalBytes()) {
            throw new ArtifactException("the archive unpacks to more than " + limits.maxTotalBytes()
                    + " bytes (limit reached at entry " + name + ")");
        }
    }

    private static void checkRatio(String name, long written, long compressed) {
        if (written > Archives.RATIO_FLOOR && written > Archives.MAX_RATIO * Math.max(compressed, 1)) {
            throw new ArtifactException("entry " + name + " expands more than " + Archives.MAX_RATIO
                    + " times its compressed size; refusing a likely zip bomb");
        }
    }

    /** Counts the bytes read from the underlying stream, to judge compression ratios. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}
