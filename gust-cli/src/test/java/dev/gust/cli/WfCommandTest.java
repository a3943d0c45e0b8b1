package dev.gust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gust wf ...} against a real node running the order saga of {@code examples/orders-java}. */
class WfCommandTest {
    private static final String WIDGETS = "{\"customer\":\"ada@example.com\",\"sku\":\"widget\",\"quantity\":3}";
    @TempDir
    static Path data;
    static RealNode node;

    @BeforeAll
    static void start() {
        node = RealNode.start(data);
        node.deploy(OrdersExampleTest.ORDERS);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static String started(Cli start) {
        assertThat(start.exitCode()).as(start.err()).isZero();
        return start.out().strip();
    }

    /** @return the output of {@code gust wf describe} once the execution has finished */
    private static String awaitDescribed(String id) {
        var out = new AtomicReference<String>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Cli d = node.cli("wf", "describe", id);
            assertThat(d.exitCode()).as(d.err()).isZero();
            assertThat(d.out()).doesNotContain("status    RUNNING");
            out.set(d.out());
        });
        return out.get();
    }

    @Test
    void deploy_namesTheAppsWorkflows() {
        assertThat(node.deploy(OrdersExampleTest.ORDERS).out()).contains("workflows: order-saga\n");
    }

    @Test
    void ls_showsTheDeployedWorkflow() {
        Cli ls = node.cli("wf", "ls");
        assertThat(ls.exitCode()).as(ls.err()).isZero();
        assertThat(ls.out()).contains("NAME", "order-saga", "orders");
    }

    @Test
    void start_thenDescribe_showsEveryStateSucceeded_andHistoryTheEvents() {
        String id = started(node.cli("wf", "start", "order-saga", "--input", WIDGETS, "--name", "order-1"));

        String described = awaitDescribed(id);
        assertThat(described).contains("status    SUCCEEDED", "\"totalCents\":750")
                .containsPattern("Price\\s+SUCCEEDED").containsPattern("Settle\\s+SUCCEEDED")
                .containsPattern("Confirm\\s+SUCCEEDED");
        Cli history = node.cli("wf", "history", id);
        assertThat(history.out()).contains("ExecutionStarted", "TaskScheduled", "WaitStarted", "ExecutionSucceeded");
        assertThat(started(node.cli("wf", "start", "order-saga", "--input", WIDGETS, "--name", "order-1")))
                .isEqualTo(id);
        assertThat(node.cli("wf", "executions", "--workflow", "order-saga", "--status", "SUCCEEDED").out())
                .contains(id, "order-1");
    }

    @Test
    void start_withUnknownItem_isCaughtAndFailsWithOrderRejected() {
        String id = started(node.cli("wf", "start", "order-saga", "--input",
                "{\"customer\":\"bob@example.com\",\"sku\":\"sprocket\",\"quantity\":1}"));

        String described = awaitDescribed(id);
        assertThat(described).contains("status    FAILED", "OrderRejected")
                .containsPattern("Price\\s+CAUGHT\\s+.*UnknownSkuException")
                .containsPattern("Rejected\\s+FAILED");
    }

    @Test
    void stop_abortsARunningExecution() {
        String id = started(node.cli("wf", "start", "order-saga", "--input", WIDGETS));

        Cli stop = node.cli("wf", "stop", id, "--cause", "customer cancelled");
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        assertThat(stop.out()).isEqualTo("stopped " + id + "\n");
        assertThat(node.cli("wf", "describe", id).out()).contains("status    ABORTED", "customer cancelled");
        assertThat(node.cli("wf", "stop", id).out()).contains("had already finished: ABORTED");
    }

    @Test
    void badInput_isRefusedWithTheReason() {
        Cli badJson = node.cli("wf", "start", "order-saga", "--input", "{oops");
        assertThat(badJson.exitCode()).isEqualTo(Main.USAGE);
        assertThat(badJson.err()).contains("--input must be JSON");

        Cli unknown = node.cli("wf", "start", "no-such-flow");
        assertThat(unknown.exitCode()).isEqualTo(Main.FAILED);
        assertThat(unknown.err()).contains("no workflow named no-such-flow");

        Cli token = node.cli("wf", "task-success", "not-a-token", "--output", "{}");
        assertThat(token.exitCode()).isEqualTo(Main.FAILED);
        assertThat(token.err()).contains("no task token");
        Cli failure = node.cli("wf", "task-failure", "not-a-token", "--error", "No", "--cause", "because");
        assertThat(failure.exitCode()).isEqualTo(Main.FAILED);
    }
}
