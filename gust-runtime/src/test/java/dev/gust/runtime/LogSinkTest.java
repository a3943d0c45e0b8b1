package dev.gust.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.protocol.Frame;
import dev.gust.store.LogLine;
import dev.gust.testing.InMemoryStore;
import dev.gust.testing.ManualClock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Worker output as log lines: tagged, capped per invocation, truncation noted once. */
class LogSinkTest {
    private final ManualClock clock = ManualClock.atEpochOfTests();
    private final InMemoryStore store = new InMemoryStore(clock);
    private final LogSink sink = new LogSink(store, clock, 10);
    private final InvocationRequest request = RuntimeFixture.request("fn", "{}");
    private final Pending pending = new Pending(request, RuntimeFixture.misbehave("fn"), "i-1");

    @Test
    void workerLog_isTaggedWithTheInvocationItsTraceAndCorrelation() {
        sink.workerLog(pending.version, "i-1", Optional.of(pending),
                new Frame.Log(request.id(), Frame.Stream.LOGGER, "hello\n", false));

        assertThat(lines()).singleElement().satisfies(l -> {
            assertThat(l.message()).isEqualTo("hello");
            assertThat(l.stream()).isEqualTo("logger");
            assertThat(l.invocationId()).isEqualTo(request.id());
            assertThat(l.instanceId()).isEqualTo("i-1");
            assertThat(l.traceId()).isEqualTo(request.trace().traceId());
            assertThat(l.correlationId()).isEqualTo(request.correlationId());
            assertThat(l.time()).isEqualTo(clock.instant());
        });
    }

    @Test
    void lines_pastTheCap_areDroppedAndTheTruncationIsNotedOnce() {
        for (String text : List.of("12345", "67890", "abc", "def")) {
            sink.rawLine(pending.version, "i-1", Optional.of(pending), "stderr", text);
        }

        assertThat(lines()).extracting(LogLine::stream, LogLine::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("stderr", "12345"),
                org.assertj.core.groups.Tuple.tuple("stderr", "67890"),
                org.assertj.core.groups.Tuple.tuple("system", "log truncated after 10 bytes"));
    }

    @Test
    void workerTruncationFlag_isNotedOnceToo() {
        var log = new Frame.Log(request.id(), Frame.Stream.STDOUT, "x", true);
        sink.workerLog(pending.version, "i-1", Optional.of(pending), log);
        sink.workerLog(pending.version, "i-1", Optional.of(pending), log);

        assertThat(lines()).extracting(LogLine::message).containsExactly("x", "log truncated after 10 bytes", "x");
    }

    @Test
    void outputOutsideAnyInvocation_isKeptUntagged() {
        sink.rawLine(pending.version, "i-1", Optional.empty(), "stderr", "JVM warning");

        assertThat(lines()).singleElement().satisfies(l -> {
            assertThat(l.invocationId()).isEmpty();
            assertThat(l.traceId()).isEmpty();
            assertThat(l.function()).isEqualTo("fn");
        });
    }

    private List<LogLine> lines() {
        return store.read("fn", Optional.empty(), Optional.empty(), 100);
    }
}
