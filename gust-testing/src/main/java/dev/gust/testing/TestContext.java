package dev.gust.testing;

import dev.gust.common.Ids;
import dev.gust.common.TraceContext;
import dev.gust.sdk.Context;
import dev.gust.sdk.Logger;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A {@link Context} for running a handler in a test, without a node. Everything the platform would
 * fill in has a fixed, documented default; the builder changes what a test cares about.
 *
 * <p>The logger keeps every line in memory so a test can assert on {@link #logLines()}. The remaining
 * time is measured against the builder's clock (by default a {@link ManualClock} that never moves,
 * so the remaining time stays at the full timeout until the test advances it).
 *
 * <p>{@link #queues()}, {@link #events()}, {@link #functions()} and {@link #workflows()} are
 * recording fakes: a test asserts on what the handler sent, published, invoked and started, and
 * configures what invoked functions answer ({@link FakeFunctionClient}) and which workflows exist
 * ({@link FakeWorkflowClient}).
 *
 * <p>Thread-safe: a handler may log and call from several threads.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.atEpochOfTests();
 * TestContext context = TestContext.builder()
 *         .functionName("greet")
 *         .env("GREETING_PREFIX", "Hi")
 *         .clock(clock)
 *         .timeout(Duration.ofSeconds(3))
 *         .build();
 * clock.advance(Duration.ofSeconds(1));
 * assertThat(context.remainingTime()).isEqualTo(Duration.ofSeconds(2));
 * }</pre>
 */
public final class TestContext implements Context {
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

    private final String functionName;
    private final String functionVersion;
    private final int memoryLimitMb;
    private final Map<String, String> environment;
    private final InstantSource clock;
    private final Instant deadline;
    private final String invocationId;
    private final TraceContext trace;
    private final String correlationId;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final FakeQueueClient queues = new FakeQueueClient();
    private final FakeEventClient events = new FakeEventClient();
    private final FakeFunctionClient functions = new FakeFunctionClient();
    private final FakeWorkflowClient workflows = new FakeWorkflowClient();

    private TestContext(Builder b, TraceContext trace) {
        this.functionName = b.functionName;
        this.functionVersion = b.functionVersion;
        this.memoryLimitMb = b.memoryLimitMb;
        this.environment = Map.copyOf(b.environment);
        this.clock = b.clock;
        this.deadline = b.clock.instant().plus(b.timeout);
        this.invocationId = b.invocationId != null ? b.invocationId : Ids.timeOrdered(b.clock);
        this.trace = trace;
        this.correlationId = b.correlationId != null ? b.correlationId : Ids.randomHex(16);
    }

    /** @return a builder with the defaults listed on each of its setters */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a context with every default: function {@code test-function}, version 1, 256 MB, 30 s */
    public static TestContext create() {
        return builder().build();
    }

    @Override public String functionName() { return functionName; }
    @Override public String functionVersion() { return functionVersion; }
    @Override public int memoryLimitMb() { return memoryLimitMb; }
    @Override public Map<String, String> environment() { return environment; }
    @Override public String invocationId() { return invocationId; }
    @Override public String traceId() { return trace.traceId(); }
    @Override public String traceparent() { return trace.traceparent(); }
    @Override public String correlationId() { return correlationId; }

    /** @return the time until the deadline (build time plus timeout) on the clock; never negative */
    @Override
    public Duration remainingTime() {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public Logger logger() {
        return lines::add;
    }

    /** @return the queue client: keeps every message the handler sends */
    @Override
    public FakeQueueClient queues() {
        return queues;
    }

    /** @return the event client: keeps every event the handler publishes */
    @Override
    public FakeEventClient events() {
        return events;
    }

    /** @return the function client: answers as configured and keeps every invocation */
    @Override
    public FakeFunctionClient functions() {
        return functions;
    }

    /** @return the workflow client: starts the declared workflows and keeps every execution started */
    @Override
    public FakeWorkflowClient workflows() {
        return workflows;
    }

    /** @return every line logged through {@link #logger()} so far, in order; a snapshot */
    public List<String> logLines() {
        return List.copyOf(lines);
    }

    /** Options for a {@link TestContext}. Not thread-safe. */
    public static final class Builder {
        private String functionName = "test-function";
        private String functionVersion = "1";
        private int memoryLimitMb = 256;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private InstantSource clock = ManualClock.atEpochOfTests();
        private Duration timeout = Duration.ofSeconds(30);
        private String invocationId;
        private String traceId;
        private String correlationId;

        private Builder() {
        }

        /** @param name the function's name; default {@code test-function} */
        public Builder functionName(String name) {
            this.functionName = requireText("functionName", name);
            return this;
        }

        /** @param version the function's version; default {@code 1} */
        public Builder functionVersion(String version) {
            this.functionVersion = requireText("functionVersion", version);
            return this;
        }

        /** @param mb the memory limit, 128..10240 MB as in {@code gust.yaml}; default 256 */
        public Builder memoryLimitMb(int mb) {
            if (mb < 128 || mb > 10240) {
                throw new IllegalArgumentException("memoryLimitMb must be 128..10240, was " + mb);
            }
            this.memoryLimitMb = mb;
            return this;
        }

        /** @param env the whole environment, replacing what was set before; default empty */
        public Builder environment(Map<String, String> env) {
            environment.clear();
            env.forEach(this::env);
            return this;
        }

        /**
         * @param name a variable name
         * @param value its value
         */
        public Builder env(String name, String value) {
            environment.put(requireText("env name", name), Objects.requireNonNull(value, "env value"));
            return this;
        }

        /** @param clock measures the remaining time; default a {@link ManualClock} at 2026-01-01 */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @param timeout the function's timeout, counted from {@link #build()}; default 30 s */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** @param id the invocation id; default a new time-ordered id from the clock */
        public Builder invocationId(String id) {
            this.invocationId = requireText("invocationId", id);
            return this;
        }

        /** @param traceId 32 lowercase hex digits; default a new random trace */
        public Builder traceId(String traceId) {
            if (traceId == null || !TRACE_ID.matcher(traceId).matches() || traceId.matches("0+")) {
                throw new IllegalArgumentException(
                        "traceId must be 32 lowercase hex digits, not all zero, was " + traceId);
            }
            this.traceId = traceId;
            return this;
        }

        /** @param id the correlation id; default 32 random hex digits */
        public Builder correlationId(String id) {
            this.correlationId = requireText("correlationId", id);
            return this;
        }

        /** @return the context; its deadline starts now on the clock */
        public TestContext build() {
            TraceContext root = TraceContext.newRoot();
            TraceContext trace = traceId == null ? root
                    : new TraceContext(traceId, root.spanId(), Optional.empty(), true);
            return new TestContext(this, trace);
        }

        private static String requireText(String field, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(field + " must not be blank");
            }
            return value;
        }
    }
}
