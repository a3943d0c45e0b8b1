package dev.gust.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The zip a deploy uploads: {@code gust.yaml} and the code paths it names, nothing else from the
 * app directory. Entries are sorted and stamped with a fixed time, so the same app gives the same
 * bytes. Reads {@code gust.yaml} only for the code paths; the node validates the rest, and reports a
 * code path that is missing or outside the directory (such paths are left out here).
 */
final class Bundle {
    static final String MANIFEST = "gust.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(2026, 1, 1, 0, 0);

    private Bundle() {
    }

    /**
     * @param appDir a directory holding {@code gust.yaml}
     * @return the zip's bytes
     * @throws CliException when there is no readable {@code gust.yaml}
     */
    static byte[] of(Path appDir) {
        Path manifest = appDir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new CliException("no " + MANIFEST + " in " + appDir + ": deploy takes an app directory holding one");
        }
        TreeMap<String, Path> entries = new TreeMap<>();
        entries.put(MANIFEST, manifest);
        for (String code : codePaths(manifest)) {
            addTree(appDir, code, entries);
        }
        return zip(entries);
    }

    /**
     * @return the {@code code} and {@code sample-event} values of every function and the
     *     {@code definition} file of every workflow, as written; values that are not text are skipped
     */
    static List<String> codePaths(Path manifest) {
        JsonNode root = readYaml(manifest);
        List<String> paths = new ArrayList<>();
        root.path("functions").forEach(fn -> {
            for (String field : List.of("code", "sample-event")) {
                if (fn.path(field).isTextual()) {
                    paths.add(fn.path(field).asText());
                }
            }
        });
        root.path("workflows").forEach(wf -> {
            if (wf.path("definition").isTextual()) {
                paths.add(wf.path("definition").asText());
            }
        });
        return paths;
    }

    private static JsonNode readYaml(Path manifest) {
        try {
            JsonNode root = YAML.readTree(manifest.toFile());
            return root == null ? YAML.createObjectNode() : root;
        } catch (JsonProcessingException e) {
            throw new CliException(manifest + " is not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CliException("cannot read " + manifest + ": " + e.getMessage(), e);
        }
    }

    private static void addTree(Path appDir, String code, TreeMap<String, Path> entries) {
        Path base = appDir.toAbsolutePath().normalize();
        Path target = base.resolve(code).normalize();
        if (!target.startsWith(base) || !Files.exists(target)) {
            return;
        }
        try (Stream<Path> files = Files.walk(target)) {
            files.filter(Files::isRegularFile)
                    .forEach(f -> entries.put(base.relativize(f).toString().replace('\\', '/'), f));
        } catch (IOException e) {
            throw new CliException("cannot read " + target + ": " + e.getMessage(), e);
        }
    }

    private static byte[] zip(TreeMap<String, Path> entries) {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTimeLocal(FIXED_TIME);
                zip.putNextEntry(entry);
                Files.copy(e.getValue(), zip);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot zip the app", e);
        }
        return bytes.toByteArray();
    }
}
