package dev.gust.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Reads {@code code}: a jar file or a directory that exists inside the app directory. */
final class CodeReader {
    static final String HINT = "the path of a .jar file or a directory, relative to the app directory";

    private CodeReader() {
    }

    /** @param path the code's absolute, normalised path @param isJar whether a jar file (else a directory) */
    record Code(Path path, boolean isJar) {
    }

    /** @param baseDir the absolute, normalised app directory */
    static Optional<Code> read(Field f, Path baseDir) {
        return f.text(HINT).flatMap(text -> relative(f, text)).flatMap(rel -> inside(f, baseDir, rel));
    }

    private static Optional<Path> relative(Field f, String text) {
        try {
            Path rel = Path.of(text);
            return rel.isAbsolute()
                    ? f.fail("must be a path relative to the app directory, was " + Texts.quote(text))
                    : Optional.of(rel);
        } catch (InvalidPathException e) {
            return f.fail("is not a valid path: " + Texts.quote(text));
        }
    }

    private static Optional<Code> inside(Field f, Path baseDir, Path rel) {
        Path code = baseDir.resolve(rel).normalize();
        if (!code.startsWith(baseDir)) {
            return f.fail("must stay inside the app directory, was " + Texts.quote(rel.toString()));
        }
        if (!Files.exists(code)) {
            return f.fail("not found: " + rel + " (a path relative to the directory of gust.yaml)");
        }
        try {
            return kind(f, rel, code, throughLinks(baseDir, code));
        } catch (IOException e) {
            return f.fail("cannot be read: " + rel + " (" + e + ")");
        }
    }

    private static boolean throughLinks(Path baseDir, Path code) throws IOException {
        return !code.toRealPath().startsWith(baseDir.toRealPath());
    }

    private static Optional<Code> kind(Field f, Path rel, Path code, boolean escapes) {
        if (escapes) {
            return f.fail("must stay inside the app directory, but " + rel + " leads out through a symbolic link");
        }
        if (Files.isDirectory(code)) {
            return Optional.of(new Code(code, false));
        }
        if (Files.isRegularFile(code) && code.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar")) {
            return Optional.of(new Code(code, true));
        }
        return f.fail("must be a .jar file or a directory, was " + Texts.quote(rel.toString()));
    }
}
