package dev.gust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workflows survive a SIGKILL of their node: executions started before the kill, some mid-Task and
 * some mid-Wait, all finish after a restart on the same data directory; a step that had finished is
 * not run again, and only steps that were in flight at the kill may run twice.
 */
class WorkflowKillNineTest {
    static final int EXECUTIONS = 30;
    static final int SLOTS = 2 * 10; // step's max instances x per-instance concurrency
    static final String FLOW = """
            {"StartAt": "A", "States": {
              "A": {"Type": "Task", "Resource": "gust:function:step", "Parameters": {"step": "a", "n.$": "$.n"},
                    "ResultPath": null, "Next": "Pause"},
              "Pause": {"Type": "Wait", "Seconds": 1, "Next": "B"},
              "B": {"Type": "Task", "Resource": "gust:function:step", "Parameters": {"step": "b", "n.$": "$.n"},
                    "ResultPath": null, "End": true}}}""";

    @TempDir
    Path tmp;
    private Recorder recorder;
    private NodeProcess node;

    @AfterEach
    void stop() throws InterruptedException {
        if (node != null) {
            node.close();
        }
        if (recorder != null) {
            recorder.close();
        }
    }

    static String app(String recorderUrl) {
        return """
                app: flows
                functions:
                  step:
                    runtime: java21
                    handler: dev.gust.cli.fixtures.Step
                    code: code
                    memory: 256
                    timeout: 10s
                    concurrency: {max: 2, per-instance: 10}
                    environment: {RECORDER_URL: "%s"}
                workflows:
                  flow: {definition: flow.asl.json}
                """.formatted(recorderUrl);
    }

    @Test
    void killMinus9_midExecutions_everyExecutionFinishesAfterTheRestart_andFinishedStepsDoNotRunAgain()
            throws Exception {
        recorder = Recorder.start();
        Path data = tmp.resolve("data");
        node = NodeProcess.start(data, tmp.resolve("node-1.log"));
        HttpResponse<String> deployed = node.deploy(withFile(KillNineTest.bundle(app(recorder.url())), "flow.asl.json",
                FLOW));
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        List<String> started = new ArrayList<>();
        for (int n = 1; n <= EXECUTIONS; n++) {
            JsonNode s = node.json("POST", "/v1/workflows/flow/executions", "{\"input\": {\"n\": " + n + "}}");
            started.add(s.get("executionId").asText());
        }
        awaitOrExplain("some steps done, not all", Duration.ofSeconds(90), () -> recorder.count("steps") >= 10);

        List<ProcessHandle> workers = node.descendants();
        node.kill();
        long reportsAtKill = recorder.reports("steps");
        awaitOrExplain("the killed node's workers to exit", Duration.ofSeconds(30),
                () -> workers.stream().noneMatch(ProcessHandle::isAlive));
        node = NodeProcess.start(data, tmp.resolve("node-2.log"));
        awaitOrExplain("every execution to succeed after the restart", Duration.ofSeconds(150),
                () -> succeeded().size() == EXECUTIONS);

        assertThat(reportsAtKill).as("killed mid-work").isLessThan(2L * EXECUTIONS);
        assertThat(succeeded()).containsExactlyInAnyOrderElementsOf(started);
        assertThat(recorder.seen("steps")).as("every step of every execution ran").isEqualTo(allSteps());
        assertThat(recorder.reports("steps") - 2L * EXECUTIONS).as("steps run twice: at most those in flight")
                .isBetween(0L, (long) SLOTS);
    }

    private Set<String> succeeded() {
        JsonNode list = node.json("GET", "/v1/executions?workflow=flow&status=SUCCEEDED&limit=1000", "");
        Set<String> ids = new java.util.HashSet<>();
        list.get("executions").forEach(e -> ids.add(e.get("executionId").asText()));
        return ids;
    }

    static Set<String> allSteps() {
        return IntStream.rangeClosed(1, EXECUTIONS).boxed()
                .flatMap(n -> Stream.of("a:" + n, "b:" + n)).collect(Collectors.toSet());
    }

    /** @return the bundle with one more file */
    static byte[] withFile(byte[] bundle, String name, String text) {
        var out = new ByteArrayOutputStream();
        try (var in = new ZipInputStream(new ByteArrayInputStream(bundle)); var zip = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(name));
            zip.write(text.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void awaitOrExplain(String what, Duration atMost, Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("waited " + atMost.toSeconds() + " s for " + what + "; steps "
                    + recorder.reports("steps") + "; node log:\n" + node.tail(), e);
        }
    }
}
