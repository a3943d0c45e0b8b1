package dev.gust.worker;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Builds a function code directory for Lambda handlers at test time: stand-ins for
 * {@code aws-lambda-java-core} compiled into {@code lib/aws-lambda-java-core.jar}, and the handlers
 * of {@code src/test/resources/lambda/handlers} compiled into the classes root. Gust itself has no
 * dependency on the Lambda library; neither do these tests' classpaths.
 */
final class LambdaFixtures {
    private LambdaFixtures() {
    }

    /**
     * @param work an empty directory
     * @return the code directory
     */
    static Path build(Path work) throws IOException {
        Path api = work.resolve("api-classes");
        Path code = work.resolve("code");
        compile(sources("lambda/api"), api, List.of());
        Files.createDirectories(code.resolve("lib"));
        jar(api, code.resolve("lib/aws-lambda-java-core.jar"));
        compile(sources("lambda/handlers"), code, List.of(api));
        return code;
    }

    private static List<Path> sources(String resource) throws IOException {
        try (Stream<Path> files = Files.walk(resourceDir(resource))) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    private static Path resourceDir(String resource) {
        try {
            return Path.of(LambdaFixtures.class.getClassLoader().getResource(resource).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void compile(List<Path> sources, Path out, List<Path> classpath) throws IOException {
        Files.createDirectories(out);
        var args = new ArrayList<>(List.of("--release", "21", "-d", out.toString(), "-proc:none"));
        if (!classpath.isEmpty()) {
            args.addAll(List.of("-cp", classpath.get(0).toString()));
        }
        sources.forEach(s -> args.add(s.toString()));
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("compiling Lambda fixtures failed; the compiler's messages are in the test output");
        }
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); var out = new JarOutputStream(file);
                Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }
}
