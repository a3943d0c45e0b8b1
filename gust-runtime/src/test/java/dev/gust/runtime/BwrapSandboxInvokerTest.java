package dev.gust.runtime;

import static dev.gust.runtime.RuntimeFixture.assertSucceeded;
import static dev.gust.runtime.RuntimeFixture.failure;
import static dev.gust.runtime.RuntimeFixture.misbehave;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The invoker contract with workers in bubblewrap; runs where bubblewrap works (it does on the
 * development machines and on CI), and says why when it is skipped.
 */
class BwrapSandboxInvokerTest extends SandboxedInvokerContract {

    @Override
    RuntimeConfig.SandboxMode mode() {
        return RuntimeConfig.SandboxMode.BWRAP;
    }

    @BeforeAll
    static void bubblewrapWorksHere() {
        var broken = Sandboxes.probe(Sandboxes.findOnPath("bwrap"));
        assumeTrue(broken.isEmpty(), () -> "bubblewrap is unusable here: " + broken.orElse(""));
    }

    @Test
    void invoke_whenFunctionStartsAForkBomb_thePidsLimitHoldsTheTimeoutStopsItAndOthersStillRun() throws Exception {
        assumeTrue(!node.invoker.sandbox().cgroups().equals("none"),
                () -> "no pids limit without cgroups: " + node.invoker.sandbox().fallbackReason().orElse(""));
        node.activate(misbehave("bomber"));
        node.activate(misbehave("bystander"));
        var bomb = CompletableFuture.supplyAsync(() -> node.invoke("bomber", "{\"do\":\"forkbomb\"}"),
                r -> Thread.ofVirtual().start(r));
        Instance instance = await().atMost(Duration.ofSeconds(30)).until(() -> busyInstance("bomber"), i -> i != null);
        var group = (CgroupGroup) ((LaunchedProcess) instance.worker.process().orElseThrow()).cgroup();
        Path pids = group.dirs().stream().filter(d -> Files.exists(d.resolve("pids.current"))).findFirst().orElseThrow();
        var peak = new AtomicLong();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            peak.accumulateAndGet(readPids(pids), Math::max);
            return bomb.isDone();
        });

        assertThat(failure(bomb.join()).kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(peak.get()).as("tasks in the instance's pids cgroup").isBetween(1L, (long) Cgroups.Limits.PIDS);
        instance.worker.exited().get(30, TimeUnit.SECONDS);
        assertThat(group.dirs()).allSatisfy(d -> assertThat(d).doesNotExist());
        assertSucceeded(node.invoke("bystander", "{}"));
        assertSucceeded(node.invoke("bomber", "{}"));
    }

    private static long readPids(Path pidsDir) {
        try {
            return Long.parseLong(Files.readString(pidsDir.resolve("pids.current")).strip());
        } catch (IOException | NumberFormatException gone) {
            return 0;
        }
    }

    @Test
    void invoke_runsTheWorkerInItsOwnPidNamespace() {
        node.activate(misbehave("where"));

        Invocation inv = node.invoke("where", "{}");

        assertSucceeded(inv);
        var pid = java.util.regex.Pattern.compile("\"pid\":(\\d+)").matcher(RuntimeFixture.text(inv));
        assertThat(pid.find()).isTrue();
        assertThat(Long.parseLong(pid.group(1))).as("pid inside the sandbox").isLessThan(10);
    }
}
