package dev.gust.runtime;

import static dev.gust.runtime.RuntimeFixture.assertSucceeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gust.runtime.fixtures.Misbehave;
import dev.gust.store.FunctionSpec.Concurrency;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When the node's memory budget is full, idle instances of other functions make room, oldest first. */
class MemoryBudgetTest {

    @Test
    void invoke_whenBudgetIsFull_evictsTheLeastRecentlyUsedIdleInstanceOfAnotherFunction() throws Exception {
        try (var node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS)
                .memoryBudgetMb(256).throttleWait(Duration.ofSeconds(1)).start()) {
            for (String name : new String[] {"older", "newer", "third"}) {
                node.activate(RuntimeFixture.version(name, 1, Misbehave.class.getName(), 128, Duration.ofSeconds(10),
                        new Concurrency(0, 2, 1)));
            }
            assertSucceeded(node.invoke("older", "{}"));
            Instance older = node.invoker.instancesOf("older").getFirst();
            assertSucceeded(node.invoke("newer", "{}"));
            Instance newer = node.invoker.instancesOf("newer").getFirst();

            Invocation third = node.invoke("third", "{}");

            assertSucceeded(third);
            assertThat(node.invoker.instancesOf("older")).isEmpty();
            assertThat(node.invoker.instancesOf("newer")).containsExactly(newer);
            await().atMost(Duration.ofSeconds(30)).until(() -> older.worker.exited().isDone());
            assertThat(node.store.find(new dev.gust.store.InvocationStore.Query(java.util.Optional.empty(),
                    java.util.Optional.of(dev.gust.store.InvocationRecord.Status.THROTTLED), 10))).isEmpty();
        }
    }

    @Test
    void invoke_whenBudgetIsFullOfBusyInstances_throttlesAfterTheWait() throws Exception {
        try (var node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS)
                .memoryBudgetMb(128).throttleWait(Duration.ofMillis(300)).start()) {
            node.activate(RuntimeFixture.version("first", 1, Misbehave.class.getName(), 128, Duration.ofSeconds(10),
                    new Concurrency(0, 2, 1)));
            node.activate(RuntimeFixture.version("second", 1, Misbehave.class.getName(), 128, Duration.ofSeconds(10),
                    new Concurrency(0, 2, 1)));
            var busy = Thread.ofVirtual().start(() -> node.invoke("first", "{\"do\":\"sleep\",\"millis\":3000}"));
            await().atMost(Duration.ofSeconds(30)).until(() -> node.invoker.stats().stream()
                    .anyMatch(s -> s.function().equals("first") && s.inFlight() == 1));

            Invocation refused = node.invoke("second", "{}");

            var f = RuntimeFixture.failure(refused);
            assertThat(f.kind()).isEqualTo(ErrorKind.THROTTLED);
            assertThat(f.message()).contains("128 of 128 MB");
            busy.join(Duration.ofSeconds(30));
        }
    }
}
