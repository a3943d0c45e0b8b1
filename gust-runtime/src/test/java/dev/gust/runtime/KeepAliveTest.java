package dev.gust.runtime;

import static dev.gust.runtime.RuntimeFixture.assertSucceeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gust.runtime.fixtures.Misbehave;
import dev.gust.store.FunctionSpec.Concurrency;
import dev.gust.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Idle instances are reaped after the keep-alive by the node's clock; {@code min} stay warm. */
class KeepAliveTest {
    private final ManualClock clock = ManualClock.atEpochOfTests();

    @Test
    void sweep_stopsAnInstanceIdleLongerThanTheKeepAlive_andNotBefore() throws Exception {
        try (var node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS)
                .clock(clock).keepAlive(Duration.ofMinutes(1)).start()) {
            node.activate(RuntimeFixture.misbehave("napper"));
            assertSucceeded(node.invoke("napper", "{}"));
            Instance instance = node.invoker.instancesOf("napper").getFirst();

            clock.advance(Duration.ofSeconds(59));
            node.invoker.sweep();
            assertThat(node.invoker.instancesOf("napper")).containsExactly(instance);

            clock.advance(Duration.ofSeconds(2));
            node.invoker.sweep();
            var exit = instance.worker.exited().get(30, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(exit.status()).as("a reaped worker exits cleanly").isZero();
            assertThat(node.invoker.instancesOf("napper")).isEmpty();
            assertThat(ProcessHandle.of(((LaunchedProcess) instance.worker.process().orElseThrow()).pid()))
                    .isEmpty();
            Invocation again = node.invoke("napper", "{}");
            assertSucceeded(again);
            assertThat(again.coldStart()).isTrue();
        }
    }

    @Test
    void sweep_keepsMinInstancesWarmAndStartsThemWithoutInvocations() throws Exception {
        try (var node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS)
                .clock(clock).keepAlive(Duration.ofMinutes(1)).start()) {
            node.activate(RuntimeFixture.version("warm", 1, Misbehave.class.getName(), 256, Duration.ofSeconds(5),
                    new Concurrency(1, 3, 1)));
            Instance warm = await().atMost(Duration.ofSeconds(30)).until(
                    () -> node.invoker.instancesOf("warm").stream().filter(i -> i.worker.timings().isPresent())
                            .findFirst().orElse(null), i -> i != null);

            clock.advance(Duration.ofHours(1));
            node.invoker.sweep();

            assertThat(node.invoker.instancesOf("warm")).containsExactly(warm);
            assertThat(node.invoker.stats()).singleElement().satisfies(s -> {
                assertThat(s.instances()).containsEntry(InstanceState.IDLE, 1).containsEntry(InstanceState.BUSY, 0);
                assertThat(s.inFlight()).isZero();
                assertThat(s.waiting()).isZero();
                assertThat(s.lastInvoked()).isEmpty();
            });
            Invocation inv = node.invoke("warm", "{}");
            assertSucceeded(inv);
            assertThat(inv.coldStart()).isFalse();
            assertThat(inv.record().instanceId()).hasValue(warm.id);
            assertThat(node.invoker.stats().getFirst().lastInvoked()).hasValue(clock.instant());
        }
    }

    @Test
    void hybridPolicy_learnsAPeriodicFunction_unloadsItBetweenCalls_andPrewarmsItInTime() throws Exception {
        try (var node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS).clock(clock)
                .keepAlive(Duration.ofMinutes(10)).keepAlivePolicy(RuntimeConfig.KeepAlivePolicy.HYBRID).start()) {
            node.activate(RuntimeFixture.misbehave("hourly"));
            for (int call = 0; call <= HybridKeepAlive.MIN_SAMPLES; call++) {
                assertSucceeded(node.invoke("hourly", "{}"));
                node.invoker.sweep();
                clock.advance(Duration.ofMinutes(11));
                node.invoker.sweep();
                assertThat(node.invoker.instancesOf("hourly")).as("the fixed 10 minutes until the pattern is learned")
                        .allMatch(i -> i.state() == InstanceState.DRAINING || i.state() == InstanceState.STOPPED);
                await().atMost(Duration.ofSeconds(30)).until(() -> node.invoker.instancesOf("hourly").isEmpty());
                clock.advance(Duration.ofMinutes(19));
            }
            assertSucceeded(node.invoke("hourly", "{}"));

            node.invoker.sweep();
            await("a served instance is unloaded at once when a pre-warm window is learned").atMost(Duration.ofSeconds(30))
                    .until(() -> node.invoker.instancesOf("hourly").isEmpty());
            clock.advance(Duration.ofMinutes(20));
            node.invoker.sweep();
            assertThat(node.invoker.instancesOf("hourly")).as("not before the pre-warm window").isEmpty();
            clock.advance(Duration.ofMinutes(8));
            node.invoker.sweep();
            await().atMost(Duration.ofSeconds(30)).until(() -> node.invoker.instancesOf("hourly").stream()
                    .anyMatch(i -> i.state() == InstanceState.IDLE));
            clock.advance(Duration.ofMinutes(2));
            Invocation onTime = node.invoke("hourly", "{}");

            assertSucceeded(onTime);
            assertThat(onTime.coldStart()).as("the pre-warmed instance served it").isFalse();
        }
    }
}
