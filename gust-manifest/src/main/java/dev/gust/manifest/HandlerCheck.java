package dev.gust.manifest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipFile;

/**
 * Looks for a function's handler class in its code, so a typo shows at deploy rather than at the
 * first invocation. A miss is a warning, not a problem: the class could come from somewhere this
 * check does not look.
 */
final class HandlerCheck {

    private HandlerCheck() {
    }

    /** @return the warning for {@code fn}, rendered {@code path: message}, or empty when the class is there */
    static Optional<String> warning(FunctionManifest fn, Path baseDir) {
        String entry = fn.handlerClass().replace('.', '/') + ".class";
        String shown = shown(fn.code(), baseDir);
        String prefix = "functions." + fn.name();
        try {
            boolean found = fn.codeIsJar() ? inJar(fn.code(), entry) : inDirectory(fn.code(), entry);
            return found ? Optional.empty() : Optional.of(prefix + ".handler: class " + fn.handlerClass()
                    + " not found in " + shown + "; the first invocation will fail with InitError");
        } catch (IOException e) {
            return Optional.of(prefix + ".code: cannot read " + shown + " (" + e.getMessage()
                    + "); the first invocation will fail with InitError");
        }
    }

    private static String shown(Path code, Path baseDir) {
        String relative = baseDir.relativize(code).toString();
        return relative.isEmpty() ? "." : relative;
    }

    private static boolean inJar(Path jar, String entry) throws IOException {
        try (var zip = new ZipFile(jar.toFile())) {
            return zip.getEntry(entry) != null;
        }
    }

    private static boolean inDirectory(Path dir, String entry) throws IOException {
        if (Files.isRegularFile(dir.resolve(entry))) {
            return true;
        }
        Path lib = dir.resolve("lib");
        if (!Files.isDirectory(lib)) {
            return false;
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "*.jar")) {
            for (Path jar : jars) {
                if (Files.isRegularFile(jar) && inLibJar(jar, entry)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A broken library jar is the library's problem; it only means the class is not found there. */
    private static boolean inLibJar(Path jar, String entry) {
        try {
            return inJar(jar, entry);
        } catch (IOException e) {
            return false;
        }
    }
}
