package dev.gust.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds zip archives in memory, including hostile ones whose entry names no honest tool writes. */
final class Zips {
    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    static Zips builder() {
        return new Zips();
    }

    Zips file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    Zips file(String name, byte[] content) {
        entries.put(name, content);
        return this;
    }

    Zips directory(String name) {
        entries.put(name.endsWith("/") ? name : name + "/", new byte[0]);
        return this;
    }

    byte[] build() {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
