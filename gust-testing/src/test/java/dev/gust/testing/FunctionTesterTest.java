package dev.gust.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.sdk.Context;
import dev.gust.sdk.Handler;
import dev.gust.sdk.InitContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FunctionTesterTest {

    /** Counts its inits and echoes its input with what it learnt in init. */
    static final class Echo implements Handler<String, String> {
        final AtomicInteger inits = new AtomicInteger();
        String prefix;

        @Override
        public void init(InitContext context) {
            inits.incrementAndGet();
            prefix = context.env("PREFIX", ">");
            context.logger().log("init " + context.functionName());
        }

        @Override
        public String handle(String input, Context context) {
            context.logger().log("handling " + input);
            return prefix + input + "@" + context.invocationId();
        }
    }

    @Test
    void invoke_callsInitOnce_thenHandleForEachInvocation() throws Exception {
        Echo echo = new Echo();
        var tester = FunctionTester.of(echo, TestContext.builder().functionName("echo")
                .env("PREFIX", "#").invocationId("inv-1").build());

        assertThat(tester.invoke("a")).isEqualTo("#a@inv-1");
        assertThat(tester.invoke("b")).isEqualTo("#b@inv-1");

        assertThat(echo.inits).hasValue(1);
        assertThat(tester.logLines()).containsExactly("init echo", "handling a", "handling b");
    }

    @Test
    void invoke_withItsOwnContext_usesItForThatInvocationOnly() throws Exception {
        var tester = FunctionTester.of(new Echo());
        TestContext other = TestContext.builder().invocationId("inv-2").build();

        assertThat(tester.invoke("x", other)).endsWith("@inv-2");
        assertThat(other.logLines()).containsExactly("handling x");
        assertThat(tester.logLines()).containsExactly("init test-function");
    }

    @Test
    void invoke_whenHandlerThrows_passesTheExceptionUnchanged() {
        Handler<String, String> failing = (in, ctx) -> {
            throw new IllegalArgumentException("bad input: " + in);
        };
        var tester = FunctionTester.of(failing);

        assertThatThrownBy(() -> tester.invoke("z"))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("bad input: z");
    }

    @Test
    void invoke_whenInitThrows_failsWithInitFailed_andRetriesInitNextTime() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Handler<String, String> flaky = new Handler<>() {
            @Override
            public void init(InitContext context) {
                if (attempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("database down");
                }
            }

            @Override
            public String handle(String input, Context context) {
                return "ok " + input;
            }
        };
        var tester = FunctionTester.of(flaky);

        assertThatThrownBy(() -> tester.invoke("1"))
                .isInstanceOf(FunctionTester.InitFailedException.class)
                .hasMessageContaining("database down")
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(tester.invoke("2")).isEqualTo("ok 2");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void handler_seesRemainingTimeShrink_asTheTestClockMoves() throws Exception {
        ManualClock clock = ManualClock.atEpochOfTests();
        Handler<Void, Duration> remaining = (in, ctx) -> ctx.remainingTime();
        var tester = FunctionTester.of(remaining,
                TestContext.builder().clock(clock).timeout(Duration.ofSeconds(10)).build());

        clock.advance(Duration.ofSeconds(4));

        assertThat(tester.invoke(null)).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void of_rejectsNull() {
        assertThatThrownBy(() -> FunctionTester.of(null)).hasMessageContaining("handler");
    }
}
