package dev.gust.runtime;

import static dev.gust.runtime.RuntimeFixture.assertSucceeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gust.runtime.fixtures.Misbehave;
import dev.gust.store.FunctionSpec.Concurrency;
import dev.gust.store.FunctionVersion;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The instance lifecycle: the declared table, and real instances walking every declared transition
 * (this class fails when a transition is declared that nothing exercises).
 */
class InstanceLifecycleTest {

    @Test
    void check_allowsExactlyTheDeclaredTransitions() {
        for (InstanceState from : InstanceState.values()) {
            for (InstanceState to : InstanceState.values()) {
                boolean declared = Lifecycle.all().contains(new Lifecycle.Transition(from, to));
                if (declared) {
                    Lifecycle.check("i-1", from, to);
                } else {
                    assertThatThrownBy(() -> Lifecycle.check("i-1", from, to))
                            .isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("instance i-1: " + from + " -> " + to + " is not a lifecycle transition");
                }
            }
        }
    }

    @Test
    void stopped_isFinal() {
        assertThat(Lifecycle.TRANSITIONS.get(InstanceState.STOPPED)).isEmpty();
    }

    @Test
    void realInstances_exerciseEveryDeclaredTransition() throws Exception {
        try (var node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS).start()) {
            // STARTING -> IDLE: a min instance; IDLE -> BUSY -> IDLE: a warm invocation on it
            node.activate(version("warm", 1, Misbehave.class.getName(), 1));
            await().atMost(Duration.ofSeconds(30)).until(() -> node.transitions.contains(step("STARTING", "IDLE")));
            assertSucceeded(node.invoke("warm", "{}"));
            // STARTING -> STOPPED: the handler does not load
            node.activate(version("broken", 1, "dev.gust.runtime.fixtures.Missing", 0));
            assertThat(RuntimeFixture.failure(node.invoke("broken", "{}")).kind()).isEqualTo(ErrorKind.INIT_ERROR);
            // STARTING -> BUSY: a cold invocation; BUSY -> STOPPED: it crashes the instance
            node.activate(version("crash", 1, Misbehave.class.getName(), 0));
            assertThat(RuntimeFixture.failure(node.invoke("crash", "{\"do\":\"exit\"}")).kind()).isEqualTo(ErrorKind.CRASHED);
            // BUSY -> DRAINING -> STOPPED: a version switch while it runs
            node.activate(version("switch", 1, Misbehave.class.getName(), 0));
            var running = CompletableFuture.supplyAsync(() -> node.invoke("switch", "{\"do\":\"sleep\",\"millis\":1500}"),
                    r -> Thread.ofVirtual().start(r));
            await().atMost(Duration.ofSeconds(30)).until(() -> node.transitions.contains(step("STARTING", "BUSY"))
                    && node.invoker.stats().stream().anyMatch(s -> s.function().equals("switch") && s.inFlight() == 1));
            Instance old = node.invoker.instancesOf("switch").getFirst();
            node.activate(version("switch", 2, Misbehave.class.getName(), 0));
            assertSucceeded(running.get(30, TimeUnit.SECONDS));
            old.worker.exited().get(30, TimeUnit.SECONDS);
            // IDLE -> DRAINING: the function is removed while its instance idles
            node.invoker.remove("warm");
            // IDLE -> STOPPED: an idle worker dies
            assertSucceeded(node.invoke("switch", "{}"));
            Instance idle = node.invoker.instancesOf("switch").getFirst();
            SandboxedInvokerContract.javaProcessOf(idle).destroyForcibly();
            idle.worker.exited().get(30, TimeUnit.SECONDS);

            assertThat(node.transitions).containsExactlyInAnyOrderElementsOf(Lifecycle.all());
        }
    }

    private static Lifecycle.Transition step(String from, String to) {
        return new Lifecycle.Transition(InstanceState.valueOf(from), InstanceState.valueOf(to));
    }

    private static FunctionVersion version(String name, int v, String handler, int min) {
        return RuntimeFixture.version(name, v, handler, 128, Duration.ofSeconds(10), new Concurrency(min, 2, 1));
    }
}
