package dev.gust.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gust.store.LogLine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The worker JVM's own stdout and stderr land in the function's log. */
class WorkerOutputTest {

    @Test
    void jvmOutputOutsideInvocations_isLoggedUntaggedWithItsInstance() throws Exception {
        try (var node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS)
                .workerJvmOptions(List.of("-Xlog:gc")).start()) {
            node.activate(RuntimeFixture.misbehave("gclog"));

            Invocation inv = node.invoke("gclog", "{}");

            RuntimeFixture.assertSucceeded(inv);
            String instanceId = inv.record().instanceId().orElseThrow();
            LogLine line = await().atMost(Duration.ofSeconds(30)).until(() -> node.store
                    .read("gclog", Optional.empty(), Optional.empty(), 1000).stream()
                    .filter(l -> l.message().contains("Using Serial")).findFirst().orElse(null), l -> l != null);
            assertThat(line.stream()).isEqualTo("stdout");
            assertThat(line.instanceId()).isEqualTo(instanceId);
            assertThat(line.invocationId()).isEmpty();
            assertThat(line.version()).isEqualTo(1);
        }
    }
}
