package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gust.protocol.Frame;
import dev.gust.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    @Test
    void invoke_concurrently_eachInvocationGetsItsOwnResultAndItsOwnLines() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Rendezvous", Map.of(), ManualClock.atEpochOfTests(), true)) {
            List<String> ids = List.of("inv-1", "inv-2", "inv-3");
            ids.forEach(id -> node.startInvoke(id, "{\"tag\":\"t" + id.charAt(4) + "\",\"parties\":3}"));
            for (String id : ids) {
                String tag = "t" + id.charAt(4);
                assertThat(HandlerKindsTest.json(node.result(id))).isEqualTo("\"met " + tag + " in " + id + "\"");
                assertThat(node.lines(id, Frame.Stream.STDOUT)).containsExactly("start " + tag, "end " + tag);
            }
        }
    }

    @Test
    void remainingTime_decreasesAsTheMonotonicClockMoves() throws Exception {
        var clock = ManualClock.atEpochOfTests();
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Deadline", Map.of(), clock, false)) {
            node.send(new Frame.Invoke("inv-1", 5000, FakeNode.traceparent(), "c", "{}".getBytes()));
            await().atMost(FakeNode.PATIENCE).until(() -> node.lines("inv-1", Frame.Stream.LOGGER).contains("remaining 5000"));
            clock.advance(Duration.ofMillis(1500));
            assertThat(HandlerKindsTest.json(node.result("inv-1"))).isEqualTo("[5000,3500]");
        }
    }

    @Test
    void shutdown_letsTheRunningInvocationFinishThenExitsZero() throws Exception {
        var clock = ManualClock.atEpochOfTests();
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Deadline", Map.of(), clock, false)) {
            node.send(new Frame.Invoke("inv-1", 5000, FakeNode.traceparent(), "c", "{}".getBytes()));
            await().atMost(FakeNode.PATIENCE).until(() -> !node.lines("inv-1", Frame.Stream.LOGGER).isEmpty());
            node.send(new Frame.Shutdown());
            assertThat(node.exit()).isNotDone(); // the invocation waits for the clock to move
            clock.advance(Duration.ofSeconds(1));
            assertThat(node.awaitExit()).isZero();
            assertThat(node.result("inv-1").ok()).isTrue();
        }
    }
}
