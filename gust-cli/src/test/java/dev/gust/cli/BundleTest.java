package dev.gust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTest {
    @TempDir
    Path app;

    static List<String> entries(byte[] zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    private void manifest(String functions) throws IOException {
        Files.writeString(app.resolve("gust.yaml"), "app: shop\nfunctions:\n" + functions);
    }

    private void file(String path, String content) throws IOException {
        Path p = app.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void of_holdsTheManifestAndEveryCodePath_sorted_andNothingElse() throws IOException {
        manifest("""
                  a:
                    code: target/a.jar
                  b:
                    code: build/classes
                """);
        file("target/a.jar", "jar");
        file("target/other.jar", "not named");
        file("build/classes/com/x/B.class", "class");
        file("build/classes/lib/dep.jar", "dep");
        file("src/Main.java", "source");

        assertThat(entries(Bundle.of(app))).containsExactly(
                "build/classes/com/x/B.class", "build/classes/lib/dep.jar", "gust.yaml", "target/a.jar");
    }

    @Test
    void of_holdsEachFunctionsSampleEvent() throws IOException {
        manifest("  a:\n    code: a.jar\n    sample-event: events/get.json\n");
        file("a.jar", "jar");
        file("events/get.json", "{}");
        file("events/other.json", "{}");

        assertThat(entries(Bundle.of(app))).containsExactly("a.jar", "events/get.json", "gust.yaml");
    }

    @Test
    void of_isDeterministic_andChangesWithTheCode() throws IOException {
        manifest("  a:\n    code: a.jar\n");
        file("a.jar", "v1");
        byte[] first = Bundle.of(app);
        Files.setLastModifiedTime(app.resolve("a.jar"), java.nio.file.attribute.FileTime.fromMillis(0));

        assertThat(Bundle.of(app)).isEqualTo(first);
        file("a.jar", "v2");
        assertThat(Bundle.of(app)).isNotEqualTo(first);
    }

    @Test
    void of_leavesOutMissingAndEscapingCodePaths_forTheNodeToReport() throws IOException {
        manifest("""
                  a:
                    code: target/missing.jar
                  b:
                    code: ../outside.jar
                  c:
                    code: 42
                """);
        Files.writeString(app.getParent().resolve("outside.jar"), "secret");

        assertThat(entries(Bundle.of(app))).containsExactly("gust.yaml");
    }

    @Test
    void of_sharedCodePath_isIncludedOnce() throws IOException {
        manifest("  a:\n    code: app.jar\n  b:\n    code: ./app.jar\n");
        file("app.jar", "jar");

        assertThat(entries(Bundle.of(app))).containsExactly("app.jar", "gust.yaml");
    }

    @Test
    void of_withoutManifest_saysSo() {
        assertThatThrownBy(() -> Bundle.of(app)).isInstanceOf(CliException.class)
                .hasMessage("no gust.yaml in " + app + ": deploy takes an app directory holding one");
    }

    @Test
    void of_withBrokenYaml_saysWhereItBroke() throws IOException {
        Files.writeString(app.resolve("gust.yaml"), "app: [unclosed\n");

        assertThatThrownBy(() -> Bundle.of(app)).isInstanceOf(CliException.class)
                .hasMessageContaining("is not valid YAML");
    }

    @Test
    void of_emptyManifest_isUploadedAlone_forTheNodeToReport() throws IOException {
        Files.writeString(app.resolve("gust.yaml"), "");

        assertThat(entries(Bundle.of(app))).containsExactly("gust.yaml");
    }
}
