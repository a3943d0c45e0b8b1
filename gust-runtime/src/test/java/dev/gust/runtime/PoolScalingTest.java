package dev.gust.runtime;

import static dev.gust.runtime.RuntimeFixture.assertSucceeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.runtime.fixtures.Misbehave;
import dev.gust.runtime.fixtures.Rendezvous;
import dev.gust.store.FunctionSpec.Concurrency;
import dev.gust.store.InvocationRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Scaling from zero, per-instance concurrency and throttling, with real workers. */
class PoolScalingTest {

    @Test
    void invoke_burstOf200FromZero_servesAllWithinMax() throws Exception {
        try (var node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS).start()) {
            node.activate(RuntimeFixture.version("burst", 1, Misbehave.class.getName(), 256, Duration.ofSeconds(30),
                    new Concurrency(0, 4, 1)));

            List<Invocation> all = burst(node, "burst", "{}", 200);

            assertThat(all).allSatisfy(RuntimeFixture::assertSucceeded);
            assertThat(all.stream().map(i -> i.record().instanceId().orElseThrow()).distinct().count())
                    .isBetween(1L, 4L);
            assertThat(all).filteredOn(Invocation::coldStart).hasSizeBetween(1, 4);
            assertThat(node.store.find(new dev.gust.store.InvocationStore.Query(java.util.Optional.of("burst"),
                    java.util.Optional.of(InvocationRecord.Status.SUCCESS), 1000))).hasSize(200);
        }
    }

    @Test
    void invoke_beyondMaxAndThrottleWait_throttlesTheSurplusAndRunsTheRest() throws Exception {
        try (var node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS)
                .throttleWait(Duration.ofMillis(200)).start()) {
            node.activate(RuntimeFixture.version("narrow", 1, Misbehave.class.getName(), 256, Duration.ofSeconds(30),
                    new Concurrency(0, 1, 2)));

            List<Invocation> all = burst(node, "narrow", "{\"do\":\"sleep\",\"millis\":1500}", 5);

            assertThat(all).filteredOn(i -> i.outcome() instanceof Outcome.Success).hasSize(2);
            assertThat(all).filteredOn(i -> i.record().status() == InvocationRecord.Status.THROTTLED)
                    .hasSize(3)
                    .allSatisfy(i -> {
                        var f = RuntimeFixture.failure(i);
                        assertThat(f.kind().httpStatus()).isEqualTo(429);
                        assertThat(f.message()).contains("narrow").contains("200 ms").contains("max 1");
                        assertThat(i.record().billedMillis()).isZero();
                        assertThat(i.record().instanceId()).isEmpty();
                    });
        }
    }

    @Test
    void invoke_withPerInstanceFour_servesFourAtOnceOnOneInstance() throws Exception {
        try (var node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS).start()) {
            node.activate(RuntimeFixture.version("meet", 1, Rendezvous.class.getName(), 256, Duration.ofSeconds(30),
                    new Concurrency(0, 1, 4)));

            List<Invocation> all = burst(node, "meet", "\"hi\"", 4);

            assertThat(all).allSatisfy(RuntimeFixture::assertSucceeded);
            assertThat(all).extracting(RuntimeFixture::text).allSatisfy(t -> assertThat(t).startsWith("\"met "));
            assertThat(all.stream().map(i -> i.record().instanceId()).distinct()).hasSize(1);
        }
    }

    @Test
    void invoke_whenANewInstanceFailsInit_failsEveryInvocationWaitingForItWithTheWorkersMessage() throws Exception {
        try (var node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS).start()) {
            node.activate(RuntimeFixture.version("broken", 1, "dev.gust.runtime.fixtures.Nowhere", 128,
                    Duration.ofSeconds(30), new Concurrency(0, 1, 3)));

            List<Invocation> all = burst(node, "broken", "{}", 3);

            assertThat(all).allSatisfy(i -> {
                var f = RuntimeFixture.failure(i);
                assertThat(f.kind()).isEqualTo(ErrorKind.INIT_ERROR);
                assertThat(f.message()).contains("dev.gust.runtime.fixtures.Nowhere");
                assertThat(i.coldStart()).isTrue();
                assertThat(i.record().initDuration()).isPresent();
            });
            assertThat(all.stream().map(i -> i.record().instanceId()).distinct()).hasSize(1);
        }
    }

    @Test
    void invoke_whenTheWorkerJvmCannotStart_failsInitErrorQuotingItsLastOutput() throws Exception {
        try (var node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS)
                .workerJvmOptions(List.of("-XX:+NoSuchGustOption")).start()) {
            node.activate(RuntimeFixture.misbehave("nojvm"));

            var f = RuntimeFixture.failure(node.invoke("nojvm", "{}"));

            assertThat(f.kind()).isEqualTo(ErrorKind.INIT_ERROR);
            assertThat(f.message()).contains("exited with status 1 before it was ready").contains("NoSuchGustOption");
            assertThat(node.invoker.instancesOf("nojvm")).isEmpty();
        }
    }

    /** Starts {@code n} invocations at once (virtual threads behind a latch) and collects them. */
    static List<Invocation> burst(RuntimeFixture node, String function, String json, int n) throws Exception {
        var go = new CountDownLatch(1);
        List<Future<Invocation>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                futures.add(threads.submit(() -> {
                    go.await();
                    return node.invoke(function, json);
                }));
            }
            go.countDown();
            List<Invocation> out = new ArrayList<>();
            for (Future<Invocation> f : futures) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        }
    }
}
