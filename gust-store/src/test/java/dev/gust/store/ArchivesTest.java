package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivesTest {
    private static final Archives.Limits LIMITS = Archives.Limits.defaults();

    @TempDir
    Path tmp;

    @Test
    void unzip_ofNormalArchive_writesEveryEntry() throws IOException {
        byte[] zip = Zips.builder().file("gust.yaml", "app: demo\n").directory("lib")
                .file("lib/a.jar", "jar").file("src/deep/Hello.java", "class Hello {}").build();
        Path target = tmp.resolve("out");

        Archives.unzip(new ByteArrayInputStream(zip), target, LIMITS);

        assertThat(target.resolve("gust.yaml")).hasContent("app: demo\n");
        assertThat(target.resolve("lib/a.jar")).hasContent("jar");
        assertThat(target.resolve("src/deep/Hello.java")).hasContent("class Hello {}");
    }

    @Test
    void unzip_intoExistingEmptyDirectory_fillsIt() throws IOException {
        Path target = Files.createDirectory(tmp.resolve("out"));

        Archives.unzip(new ByteArrayInputStream(Zips.builder().file("a", "1").build()), target, LIMITS);

        assertThat(target.resolve("a")).hasContent("1");
    }

    @Test
    void unzip_intoNonEmptyDirectory_isRefusedAndChangesNothing() throws IOException {
        Path target = Files.createDirectory(tmp.resolve("out"));
        Files.writeString(target.resolve("keep"), "mine");

        assertThatThrownBy(() -> Archives.unzip(
                new ByteArrayInputStream(Zips.builder().file("a", "1").build()), target, LIMITS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target must be absent or an empty");
        assertThat(target.resolve("keep")).hasContent("mine");
        assertThat(target.resolve("a")).doesNotExist();
    }

    @Test
    void unzip_whenEntryClimbsOut_refusesAndLeavesNothing() {
        byte[] zip = Zips.builder().file("ok.txt", "fine").file("../evil", "pwned").build();

        assertRefused(zip, LIMITS, "entry '../evil' is refused: '..' is not allowed");
        assertThat(tmp.resolve("evil")).doesNotExist();
    }

    @Test
    void unzip_whenEntryClimbsOutFromInside_refuses() {
        byte[] zip = Zips.builder().file("a/b/../../../evil", "pwned").build();

        assertRefused(zip, LIMITS, "'..' is not allowed");
    }

    @Test
    void unzip_whenEntryIsAbsolute_refusesAndLeavesNothing() {
        byte[] zip = Zips.builder().file("/tmp/evil", "pwned").build();

        assertRefused(zip, LIMITS, "entry '/tmp/evil' is refused: absolute paths are not allowed");
    }

    @Test
    void unzip_whenEntryUsesBackslashesOrDriveLetters_refuses() {
        assertRefused(Zips.builder().file("..\\evil", "x").build(), LIMITS, "backslashes");
        assertRefused(Zips.builder().file("C:/evil", "x").build(), LIMITS, "absolute paths are not allowed");
    }

    @Test
    void unzip_whenTooManyEntries_refusesNamingTheLimit() {
        Zips zips = Zips.builder();
        for (int i = 0; i < 6; i++) {
            zips.file("f" + i, "x");
        }

        assertRefused(zips.build(), new Archives.Limits(1000, 5), "more than 5 entries");
    }

    @Test
    void unzip_whenTooLarge_refusesNamingEntryAndLimit() {
        byte[] noise = new byte[2000];
        new Random(1).nextBytes(noise);
        byte[] zip = Zips.builder().file("small", "x").file("big.bin", noise).build();

        assertRefused(zip, new Archives.Limits(1000, 10), "more than 1000 bytes (limit reached at entry big.bin)");
    }

    @Test
    void unzip_ofZipBomb_refusesByRatioLongBeforeTheSizeLimit() {
        byte[] zip = Zips.builder().file("zeros.bin", new byte[32 * 1024 * 1024]).build();

        assertThat(zip.length).isLessThan(100_000);
        assertRefused(zip, LIMITS, "entry zeros.bin expands more than 100 times");
    }

    @Test
    void unzip_ofGarbage_refusesAsNotAZip() {
        assertRefused("definitely not a zip".getBytes(), LIMITS, "no entries");
    }

    @Test
    void unzip_whenTwoEntriesLandOnOneFile_refuses() {
        byte[] zip = Zips.builder().file("a", "1").file("./a", "2").build();

        assertRefused(zip, LIMITS, "entry ./a appears twice");
    }

    @Test
    void zipDirectory_isDeterministic_andChangesWithContent() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("code"));
        Files.writeString(dir.resolve("b.txt"), "bee");
        Files.createDirectories(dir.resolve("sub/empty"));
        Files.writeString(dir.resolve("sub/a.txt"), "ay");

        String first = sha256(zip(dir));
        Files.setLastModifiedTime(dir.resolve("b.txt"), java.nio.file.attribute.FileTime.fromMillis(0));
        String second = sha256(zip(dir));
        Files.writeString(dir.resolve("sub/a.txt"), "ay!");
        String third = sha256(zip(dir));

        assertThat(second).isEqualTo(first);
        assertThat(third).isNotEqualTo(first);
    }

    @Test
    void zipDirectory_thenUnzip_givesTheSameFiles() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("code"));
        Files.writeString(dir.resolve("gust.yaml"), "app: x");
        Files.createDirectories(dir.resolve("lib/empty"));
        Files.writeString(dir.resolve("lib/x.jar"), "jar");
        Path out = tmp.resolve("out");

        Archives.unzip(new ByteArrayInputStream(zip(dir)), out, LIMITS);

        assertThat(out.resolve("gust.yaml")).hasContent("app: x");
        assertThat(out.resolve("lib/x.jar")).hasContent("jar");
        assertThat(out.resolve("lib/empty")).isEmptyDirectory();
    }

    @Test
    void zipDirectory_ofAFile_isRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "x");

        assertThatThrownBy(() -> Archives.zipDirectory(file, new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dir must be a directory");
    }

    @Test
    void limits_mustBePositive() {
        assertThatThrownBy(() -> new Archives.Limits(0, 10)).hasMessageContaining("maxTotalBytes=0");
    }

    private void assertRefused(byte[] zip, Archives.Limits limits, String message) {
        Path target = tmp.resolve("target");
        assertThatThrownBy(() -> Archives.unzip(new ByteArrayInputStream(zip), target, limits))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((ArtifactException) e).isSafe()).isTrue());
        assertThat(target).doesNotExist();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).as("no staging directory left behind").isEmpty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] zip(Path dir) {
        var out = new ByteArrayOutputStream();
        Archives.zipDirectory(dir, out);
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
