package dev.gust.runtime;

import static dev.gust.runtime.RuntimeFixture.assertSucceeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gust.runtime.fixtures.Misbehave;
import dev.gust.store.FunctionSpec.Concurrency;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Activating a new version never fails an invocation; the old version drains away. */
class VersionSwitchTest {

    @Test
    void activate_underLoad_failsNothingAndLaterInvocationsRunTheNewVersion() throws Exception {
        try (var node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS).start()) {
            node.activate(version(1));
            assertSucceeded(node.invoke("switch", "{}"));
            var stop = new AtomicBoolean();
            List<List<String>> seen = new ArrayList<>();
            List<Future<?>> loops = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < 3; t++) {
                    List<String> versions = Collections.synchronizedList(new ArrayList<>());
                    seen.add(versions);
                    loops.add(threads.submit(() -> loop(node, versions, stop)));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> seen.stream().allMatch(s -> s.size() >= 3));

                node.activate(version(2));

                await().atMost(Duration.ofSeconds(60)).until(() -> seen.stream().allMatch(s -> s.contains("2")
                        && s.lastIndexOf("2") - s.indexOf("2") >= 3));
                stop.set(true);
                for (Future<?> loop : loops) {
                    loop.get(60, TimeUnit.SECONDS);
                }
            }
            for (List<String> versions : seen) {
                assertThat(versions).doesNotContain("failed");
                int firstNew = versions.indexOf("2");
                assertThat(versions.subList(firstNew, versions.size())).containsOnly("2");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> node.invoker.instancesOf("switch").stream()
                    .allMatch(i -> i.pool.version.version() == 2));
            assertThat(node.invoker.stats()).singleElement().satisfies(s -> {
                assertThat(s.version()).isEqualTo(2);
                assertThat(s.current()).isTrue();
            });
        }
    }

    @Test
    void remove_refusesLaterInvocationsAndStopsIdleInstances() throws Exception {
        try (var node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS).start()) {
            node.activate(version(1));
            assertSucceeded(node.invoke("switch", "{}"));
            Instance instance = node.invoker.instancesOf("switch").getFirst();

            node.invoker.remove("switch");

            var f = RuntimeFixture.failure(node.invoke("switch", "{}"));
            assertThat(f.kind()).isEqualTo(ErrorKind.NOT_FOUND);
            assertThat(instance.worker.exited().get(30, TimeUnit.SECONDS).status()).isZero();
            assertThat(node.invoker.stats()).isEmpty();
        }
    }

    private static void loop(RuntimeFixture node, List<String> versions, AtomicBoolean stop) {
        while (!stop.get()) {
            Invocation inv = node.invoke("switch", "{\"do\":\"sleep\",\"millis\":20}");
            String text = RuntimeFixture.text(inv);
            versions.add(inv.outcome() instanceof Outcome.Success
                    ? text.replaceAll(".*\"version\":\"(\\d+)\".*", "$1") : "failed");
        }
    }

    private static dev.gust.store.FunctionVersion version(int v) {
        return RuntimeFixture.version("switch", v, Misbehave.class.getName(), 256, Duration.ofSeconds(10),
                new Concurrency(0, 4, 1));
    }
}
