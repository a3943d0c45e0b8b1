package dev.gust.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

/** Builds app directories for tests: jars with chosen entries, class directories, manifests. */
final class TestApps {
    static final String HANDLER = "dev.gust.examples.Hello";
    static final String JAR = "target/hello-java.jar";

    private TestApps() {
    }

    /** An app directory with {@code target/hello-java.jar} holding the {@link #HANDLER} class. */
    static Path app(Path dir) {
        jar(dir.resolve(JAR), "dev/gust/examples/Hello.class");
        return dir;
    }

    /** @return {@code file}, a jar holding empty entries of the given names */
    static Path jar(Path file, String... entries) {
        try {
            Files.createDirectories(file.getParent());
            try (var out = new JarOutputStream(Files.newOutputStream(file))) {
                for (String entry : entries) {
                    out.putNextEntry(new ZipEntry(entry));
                    out.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
                    out.closeEntry();
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code file}, written with the text */
    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the manifest, failing the test with the problems when it is not valid */
    static AppManifest valid(ManifestResult result) {
        if (result instanceof ManifestResult.Invalid invalid) {
            throw new AssertionError("expected a valid manifest, got " + invalid.problems());
        }
        return result.orThrow();
    }

    /** @return the problems rendered {@code path: message}, failing the test when the manifest is valid */
    static List<String> problems(ManifestResult result) {
        if (result instanceof ManifestResult.Invalid invalid) {
            return invalid.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("expected problems, got a valid manifest " + result.orThrow());
    }

    /** @return the paths of the problems, failing the test when the manifest is valid */
    static List<String> paths(ManifestResult result) {
        if (result instanceof ManifestResult.Invalid invalid) {
            return invalid.problems().stream().map(Problem::path).toList();
        }
        throw new AssertionError("expected problems, got a valid manifest " + result.orThrow());
    }

    /** A manifest of app {@code shop} with one function {@code hello}, plus the given lines of it. */
    static String hello(String... functionLines) {
        var b = new StringBuilder("""
                app: shop
                functions:
                  hello:
                    runtime: java21
                    handler: dev.gust.examples.Hello
                    code: target/hello-java.jar
                """);
        for (String line : functionLines) {
            b.append("    ").append(line).append('\n');
        }
        return b.toString();
    }
}
