package dev.gust.manifest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads {@code sample-event}: a JSON file inside the app directory, at most {@link #MAX_BYTES}, that an AOT
 * cache training invokes the function with. The value is the file's text.
 */
final class SampleEventReader {
    static final int MAX_BYTES = 256 * 1024;
    static final String HINT = "the path of a JSON file (at most 256 KB), relative to the app directory";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SampleEventReader() {
    }

    /** @param baseDir the absolute, normalised app directory */
    static Optional<String> read(Field f, Path baseDir) {
        return f.text(HINT).flatMap(text -> file(f, baseDir, text)).flatMap(file -> content(f, baseDir, file));
    }

    private static Optional<Path> file(Field f, Path baseDir, String text) {
        Path file;
        try {
            file = baseDir.resolve(text).normalize();
        } catch (InvalidPathException e) {
            return f.fail("is not a valid path: " + Texts.quote(text));
        }
        if (Path.of(text).isAbsolute() || !file.startsWith(baseDir)) {
            return f.fail("must be a path inside the app directory, was " + Texts.quote(text));
        }
        if (!Files.isRegularFile(file)) {
            return f.fail("not found: " + text + " (a JSON file, relative to the directory of gust.yaml)");
        }
        return Optional.of(file);
    }

    private static Optional<String> content(Field f, Path baseDir, Path file) {
        String rel = baseDir.relativize(file).toString();
        try {
            if (!file.toRealPath().startsWith(baseDir.toRealPath())) {
                return f.fail("must stay inside the app directory, but " + rel + " leads out through a symbolic link");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return f.fail("is too big: " + rel + " has " + size + " bytes, at most " + MAX_BYTES + " are allowed");
            }
            String json = Files.readString(file, StandardCharsets.UTF_8);
            if (json.isBlank()) {
                return f.fail("is not JSON: " + rel + " is empty");
            }
            JSON.readTree(json);
            return Optional.of(json);
        } catch (CharacterCodingException e) {
            return f.fail("is not JSON: " + rel + " is not UTF-8 text");
        } catch (JacksonException e) {
            return f.fail("is not JSON: " + rel + " (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            return f.fail("cannot be read: " + rel + " (" + e + ")");
        }
    }
}
