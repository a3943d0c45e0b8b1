package dev.gust.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.common.TraceContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestContextTest {

    @Test
    void create_hasDocumentedDefaults() {
        TestContext context = TestContext.create();

        assertThat(context.functionName()).isEqualTo("test-function");
        assertThat(context.functionVersion()).isEqualTo("1");
        assertThat(context.memoryLimitMb()).isEqualTo(256);
        assertThat(context.environment()).isEmpty();
        assertThat(context.remainingTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(context.invocationId()).matches("[0-9a-f]{28}");
        assertThat(context.correlationId()).isNotBlank();
    }

    @Test
    void builder_setsWhatATestCaresAbout() {
        TestContext context = TestContext.builder()
                .functionName("greet").functionVersion("7").memoryLimitMb(512)
                .environment(Map.of("A", "1")).env("B", "2")
                .invocationId("inv-1").correlationId("order-42")
                .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .build();

        assertThat(context.functionName()).isEqualTo("greet");
        assertThat(context.functionVersion()).isEqualTo("7");
        assertThat(context.memoryLimitMb()).isEqualTo(512);
        assertThat(context.environment()).containsExactlyInAnyOrderEntriesOf(Map.of("A", "1", "B", "2"));
        assertThat(context.env("C", "fallback")).isEqualTo("fallback");
        assertThat(context.invocationId()).isEqualTo("inv-1");
        assertThat(context.correlationId()).isEqualTo("order-42");
        assertThat(context.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void traceparent_isAValidW3cHeaderOfTheTrace() {
        TestContext context = TestContext.create();

        assertThat(TraceContext.parse(context.traceparent()))
                .hasValueSatisfying(t -> assertThat(t.traceId()).isEqualTo(context.traceId()));
    }

    @Test
    void remainingTime_followsTheClockAndStopsAtZero() {
        ManualClock clock = ManualClock.atEpochOfTests();
        TestContext context = TestContext.builder().clock(clock).timeout(Duration.ofSeconds(3)).build();

        clock.advance(Duration.ofMillis(1200));
        assertThat(context.remainingTime()).isEqualTo(Duration.ofMillis(1800));
        clock.advance(Duration.ofSeconds(5));
        assertThat(context.remainingTime()).isZero();
    }

    @Test
    void logger_capturesLinesInOrder_includingFormattedOnes() {
        TestContext context = TestContext.create();

        context.logger().log("first");
        context.logger().log("%s has %d items", "cart", 3);

        assertThat(context.logLines()).containsExactly("first", "cart has 3 items");
    }

    @Test
    void logLines_isASnapshot() {
        TestContext context = TestContext.create();
        var before = context.logLines();

        context.logger().log("later");

        assertThat(before).isEmpty();
        assertThat(context.logLines()).containsExactly("later");
    }

    @Test
    void builder_rejectsBadValues_namingTheField() {
        var b = TestContext.builder();

        assertThatThrownBy(() -> b.memoryLimitMb(64)).hasMessageContaining("memoryLimitMb").hasMessageContaining("64");
        assertThatThrownBy(() -> b.timeout(Duration.ZERO)).hasMessageContaining("timeout");
        assertThatThrownBy(() -> b.traceId("xyz")).hasMessageContaining("traceId");
        assertThatThrownBy(() -> b.traceId("0".repeat(32))).hasMessageContaining("not all zero");
        assertThatThrownBy(() -> b.functionName(" ")).hasMessageContaining("functionName");
        assertThat(b.build().memoryLimitMb()).isEqualTo(256);
    }
}
