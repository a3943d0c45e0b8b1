package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.protocol.Frame;
import dev.gust.protocol.FrameCodec;
import dev.gust.testing.ManualClock;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs workers that replace System.out and System.err, as the real process does. */
class OutputCaptureTest {

    private static FakeNode capturing(String handler, Map<String, String> env) throws Exception {
        return FakeNode.start(handler, env, ManualClock.atEpochOfTests(), true);
    }

    @Test
    void invoke_printing_sendsEachLineTaggedWithItsInvocationBeforeTheResult() throws Exception {
        try (var node = capturing("dev.gust.worker.fixtures.Printer", Map.of())) {
            node.invoke("inv-1", "{\"tag\":\"a\",\"lines\":0,\"lineLength\":0,\"partial\":\"no newline\"}");
            assertThat(node.lines("inv-1", Frame.Stream.STDOUT)).containsExactly("out a", "thread a", "no newline");
            assertThat(node.lines("inv-1", Frame.Stream.STDERR)).containsExactly("err a");
            List<Frame> frames = node.frames();
            int resultAt = frames.indexOf(node.result("inv-1"));
            assertThat(frames.subList(resultAt, frames.size())).noneMatch(f -> f instanceof Frame.Log);
        }
    }

    @Test
    void invoke_printingBeyondTheCap_sendsUpToTheCapThenOneTruncatedFrameAndSucceeds() throws Exception {
        try (var node = capturing("dev.gust.worker.fixtures.Printer", Map.of("GUST_LOG_CAP_BYTES", "1000"))) {
            Frame.Result result = node.invoke("inv-1", "{\"tag\":\"b\",\"lines\":5000,\"lineLength\":100}");
            assertThat(HandlerKindsTest.json(result)).isEqualTo("\"printed b\"");
            List<Frame.Log> logs = node.logs("inv-1");
            assertThat(logs.stream().mapToInt(l -> l.text().getBytes(StandardCharsets.UTF_8).length).sum())
                    .isLessThanOrEqualTo(1000);
            assertThat(logs).filteredOn(Frame.Log::truncated).hasSize(1);
            assertThat(logs.getLast().truncated()).isTrue();
        }
    }

    @Test
    void invoke_printingAGigabyte_finishesWithTheOutputCapped() throws Exception {
        try (var node = capturing("dev.gust.worker.fixtures.Printer", Map.of())) {
            Frame.Result result = node.invoke("inv-1", "{\"tag\":\"c\",\"lines\":1000000,\"lineLength\":1000}");
            assertThat(result.ok()).isTrue();
            assertThat(node.logs("inv-1").stream().mapToLong(l -> l.text().length()).sum())
                    .isLessThanOrEqualTo(WorkerConfig.DEFAULT_LOG_CAP_BYTES);
            assertThat(node.logs("inv-1").getLast().truncated()).isTrue();
        }
    }

    @Test
    void invoke_printingALongLine_sendsItInChunksOfAtMostTheMaximum() throws Exception {
        try (var node = capturing("dev.gust.worker.fixtures.Printer", Map.of())) {
            node.invoke("inv-1", "{\"tag\":\"d\",\"lines\":1,\"lineLength\":150000}");
            List<String> chunks = node.lines("inv-1", Frame.Stream.STDOUT).stream()
                    .filter(l -> l.startsWith("x")).toList();
            assertThat(chunks).hasSize(3).allMatch(c -> c.length() <= FrameCodec.MAX_LOG_CHUNK);
            assertThat(String.join("", chunks)).hasSize(150000);
        }
    }

    @Test
    void invoke_withLogger_sendsLoggerLinesTaggedWithTheInvocation() throws Exception {
        try (var node = capturing("dev.gust.worker.fixtures.Logging", Map.of())) {
            node.invoke("inv-1", "\"abc\"");
            assertThat(node.lines("inv-1", Frame.Stream.LOGGER)).containsExactly("first line for abc", "abc has 3 characters");
        }
    }

    @Test
    void run_outputOutsideInvocations_isSentUntaggedAndStdioIsRestoredAtExit() throws Exception {
        PrintStream original = System.out;
        try (var node = capturing("dev.gust.worker.fixtures.Counter", Map.of())) {
            node.startup();
            System.out.println("between invocations");
            assertThat(node.lines("", Frame.Stream.LOGGER)).containsExactly("initialised hello");
            org.awaitility.Awaitility.await().atMost(FakeNode.PATIENCE)
                    .until(() -> node.lines("", Frame.Stream.STDOUT).contains("between invocations"));
            node.hangUp();
            node.awaitExit();
        }
        assertThat(System.out).isSameAs(original);
    }
}
