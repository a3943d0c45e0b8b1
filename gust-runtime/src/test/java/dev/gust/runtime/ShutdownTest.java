package dev.gust.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Shutdown lets running invocations finish, refuses new ones and stops every worker. */
class ShutdownTest {

    @Test
    void shutdown_drainsRunningInvocationsRejectsNewOnesAndStopsWorkers() throws Exception {
        try (var node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS).start()) {
            node.activate(RuntimeFixture.misbehave("slow"));
            node.activate(RuntimeFixture.misbehave("idle"));
            RuntimeFixture.assertSucceeded(node.invoke("idle", "{}"));
            Instance idle = node.invoker.instancesOf("idle").getFirst();
            var running = CompletableFuture.supplyAsync(() -> node.invoke("slow", "{\"do\":\"sleep\",\"millis\":2000}"),
                    r -> Thread.ofVirtual().start(r));
            await().atMost(Duration.ofSeconds(30)).until(() -> node.invoker.stats().stream()
                    .anyMatch(s -> s.function().equals("slow") && s.inFlight() == 1));
            Instance slow = node.invoker.instancesOf("slow").getFirst();

            var shutdown = CompletableFuture.runAsync(() -> node.invoker.shutdown(Duration.ofSeconds(30)),
                    r -> Thread.ofVirtual().start(r));
            await().atMost(Duration.ofSeconds(30)).until(() -> RuntimeFixture.text(node.invoke("idle", "{}"))
                    .startsWith("UNAVAILABLE"));

            RuntimeFixture.assertSucceeded(running.get(30, TimeUnit.SECONDS));
            shutdown.get(60, TimeUnit.SECONDS);
            assertThat(slow.worker.exited()).isDone();
            assertThat(idle.worker.exited()).isDone();
            assertThat(slow.worker.exited().join().status()).isZero();
            var refused = RuntimeFixture.failure(node.invoke("slow", "{}"));
            assertThat(refused.kind().httpStatus()).isEqualTo(503);
            assertThat(refused.message()).contains("shutting down");
        }
    }
}
