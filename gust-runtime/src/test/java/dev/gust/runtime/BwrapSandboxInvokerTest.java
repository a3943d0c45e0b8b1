package dev.gust.runtime;

import static dev.gust.runtime.RuntimeFixture.assertSucceeded;
import static dev.gust.runtime.RuntimeFixture.failure;
import static dev.gust.runtime.RuntimeFixture.misbehave;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
    void invoke_whenFunctionStartsAForkBomb_thePidsLimitHoldsTheTimeoutStopsItAndOthersStillRun() {
        assumeTrue(!node.invoker.sandbox().cgroups().equals("none"),
                () -> "no pids limit without cgroups: " + node.invoker.sandbox().fallbackReason().orElse(""));
        node.activate(misbehave("bomber"));
        node.activate(misbehave("bystander"));

        Invocation bomb = node.invoke("bomber", "{\"do\":\"forkbomb\"}");

        assertThat(failure(bomb).kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertSucceeded(node.invoke("bystander", "{}"));
        assertSucceeded(node.invoke("bomber", "{}"));
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
