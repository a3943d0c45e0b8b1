package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactsTest {
    // sha256("hello"), as printed by sha256sum
    private static final String HELLO_SHA = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @TempDir
    Path tmp;

    @Test
    void put_returnsTheSha256OfTheBytes_andStoresThem() {
        Artifacts artifacts = Artifacts.create(tmp);

        String sha = artifacts.put(stream("hello"), 100);

        assertThat(sha).isEqualTo(HELLO_SHA);
        assertThat(artifacts.exists(sha)).isTrue();
        assertThat(artifacts.blob(sha)).hasContent("hello");
    }

    @Test
    void put_ofSameBytesTwice_isIdempotent() throws IOException {
        Artifacts artifacts = Artifacts.create(tmp);
        String first = artifacts.put(stream("hello"), 100);

        String second = artifacts.put(stream("hello"), 100);

        assertThat(second).isEqualTo(first);
        assertThat(artifacts.blob(second)).hasContent("hello");
        assertThat(tmpFiles()).isEmpty();
    }

    @Test
    void put_whenLargerThanLimit_refusesAndKeepsNothing() throws IOException {
        Artifacts artifacts = Artifacts.create(tmp);

        assertThatThrownBy(() -> artifacts.put(stream("hello"), 4))
                .isInstanceOf(ArtifactException.class)
                .hasMessage("the artifact is larger than the limit of 4 bytes");
        assertThat(artifacts.exists(HELLO_SHA)).isFalse();
        assertThat(tmpFiles()).isEmpty();
    }

    @Test
    void put_ofExactlyTheLimit_isAccepted() {
        assertThat(Artifacts.create(tmp).put(stream("hello"), 5)).isEqualTo(HELLO_SHA);
    }

    @Test
    void blob_ofUnknownSha_isAClearError() {
        Artifacts artifacts = Artifacts.create(tmp);

        assertThat(artifacts.exists(HELLO_SHA)).isFalse();
        assertThatThrownBy(() -> artifacts.blob(HELLO_SHA))
                .isInstanceOf(ArtifactException.class).hasMessage("no artifact with sha256 " + HELLO_SHA);
    }

    @Test
    void anyMethod_withMalformedSha_refusesBeforeTouchingFiles() {
        Artifacts artifacts = Artifacts.create(tmp);

        assertThatThrownBy(() -> artifacts.blob("../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sha256 must be 64 hex digits");
        assertThatThrownBy(() -> artifacts.unpacked("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> artifacts.exists("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unpacked_extractsOnce_andReturnsTheSameDirectory() throws IOException {
        Artifacts artifacts = Artifacts.create(tmp);
        String sha = artifacts.put(new ByteArrayInputStream(
                Zips.builder().file("lib/app.jar", "jar").file("gust.yaml", "app: x").build()), 1 << 20);

        Path dir = artifacts.unpacked(sha);
        Files.writeString(dir.resolve("marker"), "still here");

        assertThat(dir.resolve("lib/app.jar")).hasContent("jar");
        assertThat(artifacts.unpacked(sha)).isEqualTo(dir);
        assertThat(dir.resolve("marker")).as("not extracted a second time").exists();
    }

    @Test
    void unpacked_byConcurrentCallers_givesAllTheSameDirectory() throws Exception {
        Artifacts artifacts = Artifacts.create(tmp);
        String sha = artifacts.put(new ByteArrayInputStream(Zips.builder().file("a", "1").build()), 1 << 20);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return artifacts.unpacked(sha);
                }));
            }
            start.countDown();
            for (Future<Path> f : results) {
                Path dir = f.get(30, TimeUnit.SECONDS);
                assertThat(dir.resolve("a")).hasContent("1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(tmpFiles()).isEmpty();
    }

    @Test
    void unpacked_ofHostileArchive_failsAndLeavesNothingBehind() throws IOException {
        Artifacts artifacts = Artifacts.create(tmp);
        String sha = artifacts.put(new ByteArrayInputStream(Zips.builder().file("../evil", "x").build()), 1 << 20);

        assertThatThrownBy(() -> artifacts.unpacked(sha))
                .isInstanceOf(ArtifactException.class).hasMessageContaining("entry '../evil' is refused");
        assertThat(tmp.resolve("unpacked").resolve(sha)).doesNotExist();
        assertThat(tmpFiles()).isEmpty();
        assertThat(tmp.resolve("evil")).doesNotExist();
    }

    @Test
    void unpacked_withCustomLimits_enforcesThem() {
        Artifacts artifacts = Artifacts.create(tmp, new Archives.Limits(1 << 20, 1));
        String sha = artifacts.put(new ByteArrayInputStream(
                Zips.builder().file("a", "1").file("b", "2").build()), 1 << 20);

        assertThatThrownBy(() -> artifacts.unpacked(sha)).hasMessageContaining("more than 1 entries");
    }

    @Test
    void create_removesLeftoversOfInterruptedWrites() throws IOException {
        Artifacts.create(tmp);
        Files.writeString(tmp.resolve("tmp/put-123.part"), "half");

        Artifacts.create(tmp);

        assertThat(tmpFiles()).isEmpty();
    }

    private List<Path> tmpFiles() throws IOException {
        try (Stream<Path> s = Files.list(tmp.resolve("tmp"))) {
            return s.toList();
        }
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
