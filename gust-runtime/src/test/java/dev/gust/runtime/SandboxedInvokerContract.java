package dev.gust.runtime;

import static dev.gust.runtime.RuntimeFixture.assertSucceeded;
import static dev.gust.runtime.RuntimeFixture.failure;
import static dev.gust.runtime.RuntimeFixture.misbehave;
import static dev.gust.runtime.RuntimeFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gust.store.InvocationRecord;
import dev.gust.store.LogLine;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a function's misbehaviour does to its invocations, with real workers in one sandbox (each
 * subclass picks one). A failure stays with the invocations of the instance it happened on; the next
 * invocation gets a fresh instance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SandboxedInvokerContract {
    RuntimeFixture node;

    abstract RuntimeConfig.SandboxMode mode();

    @BeforeAll
    void startNode() throws Exception {
        node = RuntimeFixture.builder(mode()).logCapBytes(64 * 1024).start();
    }

    @AfterAll
    void stopNode() throws Exception {
        node.close();
    }

    @Test
    void invoke_coldThenWarm_runsBothOnOneInstanceAndRecordsThem() {
        var v = node.activate(misbehave("echo"));
        var request = RuntimeFixture.request("echo", "{\"do\":\"echo\",\"n\":1}");

        Invocation cold = node.invoker.invoke(request);
        Invocation warm = node.invoke("echo", "{\"n\":2}");

        assertSucceeded(cold);
        assertSucceeded(warm);
        assertThat(text(cold)).contains("\"n\":1").contains("\"version\":\"1\"").contains("\"GREETING\":\"hello\"");
        assertThat(cold.coldStart()).isTrue();
        assertThat(warm.coldStart()).isFalse();
        assertThat(warm.record().instanceId()).isEqualTo(cold.record().instanceId());
        InvocationRecord r = node.store.get(request.id()).orElseThrow();
        assertThat(r.function()).isEqualTo("echo");
        assertThat(r.version()).isEqualTo(1);
        assertThat(r.trigger()).isEqualTo("api");
        assertThat(r.status()).isEqualTo(InvocationRecord.Status.SUCCESS);
        assertThat(r.billedMillis()).isPositive();
        assertThat(r.duration().toMillis()).isGreaterThanOrEqualTo(r.billedMillis() - 1);
        assertThat(r.initDuration()).hasValueSatisfying(d -> assertThat(d).isPositive());
        assertThat(node.store.get(warm.record().id()).orElseThrow().initDuration()).isEmpty();
        assertThat(r.memoryMb()).isEqualTo(v.spec().memoryMb());
        assertThat(r.errorType()).isEmpty();
        assertThat(r.traceId()).isEqualTo(request.trace().traceId());
        assertThat(r.spanId()).isEqualTo(request.trace().spanId());
        assertThat(r.parentSpanId()).isEqualTo(request.trace().parentSpanId());
        assertThat(r.correlationId()).isEqualTo(request.correlationId());
    }

    @Test
    void invoke_logLinesCarryTheInvocationTraceAndCorrelation() {
        node.activate(misbehave("logs"));
        var request = RuntimeFixture.request("logs", "{}");

        Invocation inv = node.invoker.invoke(request);

        assertSucceeded(inv);
        List<LogLine> lines = node.logs("logs", request.id());
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.stream()).isEqualTo("stdout");
            assertThat(l.message()).isEqualTo("handled echo in " + request.id());
            assertThat(l.function()).isEqualTo("logs");
            assertThat(l.version()).isEqualTo(1);
            assertThat(l.instanceId()).isEqualTo(inv.record().instanceId().orElseThrow());
            assertThat(l.traceId()).isEqualTo(request.trace().traceId());
            assertThat(l.correlationId()).isEqualTo(request.correlationId());
        });
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.stream()).isEqualTo("system");
            assertThat(l.message()).startsWith("cold start ").contains("jvm ").contains("init ");
        });
    }

    @Test
    void invoke_whenHandlerThrows_failsWithItsTypeMessageAndStack() {
        node.activate(misbehave("thrower"));

        Invocation inv = node.invoke("thrower", "{\"do\":\"fail\"}");

        var f = failure(inv);
        assertThat(f.kind()).isEqualTo(ErrorKind.FUNCTION_ERROR);
        assertThat(f.kind().httpStatus()).isEqualTo(502);
        assertThat(f.errorType()).contains("IllegalStateException");
        assertThat(f.message()).isEqualTo("asked to fail");
        assertThat(f.stackTrace()).anySatisfy(frame -> assertThat(frame).contains("Misbehave"));
        assertThat(inv.record().status()).isEqualTo(InvocationRecord.Status.ERROR);
        assertThat(inv.record().errorMessage()).hasValue("asked to fail");
        assertSucceeded(node.invoke("thrower", "{}"));
    }

    @Test
    void invoke_whenHandlerRunsPastTimeout_failsWithTimeoutAndTheNextRunsOnAFreshInstance() {
        node.activate(misbehave("spinner"));

        Invocation timedOut = node.invoke("spinner", "{\"do\":\"spin\"}");
        Invocation next = node.invoke("spinner", "{}");

        var f = failure(timedOut);
        assertThat(f.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(f.kind().httpStatus()).isEqualTo(504);
        assertThat(f.message()).contains("3000 ms");
        assertThat(timedOut.record().status()).isEqualTo(InvocationRecord.Status.TIMEOUT);
        assertThat(timedOut.record().billedMillis()).isGreaterThanOrEqualTo(3000);
        assertSucceeded(next);
        assertThat(next.coldStart()).isTrue();
        assertThat(next.record().instanceId()).isNotEqualTo(timedOut.record().instanceId());
        awaitExited(timedOut);
    }

    @Test
    void invoke_whenFunctionExits_failsCrashedAndTheNextSucceeds() {
        node.activate(misbehave("quitter"));

        Invocation crashed = node.invoke("quitter", "{\"do\":\"exit\"}");
        Invocation next = node.invoke("quitter", "{}");

        var f = failure(crashed);
        assertThat(f.kind()).isEqualTo(ErrorKind.CRASHED);
        assertThat(f.errorType()).isEqualTo("FunctionCrashed");
        assertThat(f.message()).contains("exited with status 1");
        assertSucceeded(next);
        assertThat(next.record().instanceId()).isNotEqualTo(crashed.record().instanceId());
    }

    @Test
    void invoke_whenWorkerIsKilledMidInvocation_failsCrashedAndTheNextSucceeds() {
        node.activate(misbehave("victim"));
        var running = CompletableFuture.supplyAsync(() -> node.invoke("victim", "{\"do\":\"sleep\",\"millis\":2500}"),
                r -> Thread.ofVirtual().start(r));
        Instance instance = await().atMost(Duration.ofSeconds(30)).until(() -> busyInstance("victim"), i -> i != null);

        javaProcessOf(instance).destroyForcibly();

        var f = failure(running.join());
        assertThat(f.kind()).isEqualTo(ErrorKind.CRASHED);
        assertThat(f.message()).contains("signal 9");
        assertSucceeded(node.invoke("victim", "{}"));
    }

    @Test
    void invoke_whenHeapRunsOut_failsOutOfMemory() {
        node.activate(RuntimeFixture.version("hog", 1, RuntimeFixture.misbehave("x").spec().handler(), 128,
                Duration.ofSeconds(20), new dev.gust.store.FunctionSpec.Concurrency(0, 2, 1)));

        Invocation inv = node.invoke("hog", "{\"do\":\"oom\"}");

        var f = failure(inv);
        assertThat(f.kind()).isEqualTo(ErrorKind.OUT_OF_MEMORY);
        assertThat(f.errorType()).isEqualTo("OutOfMemory");
        assertSucceeded(node.invoke("hog", "{}"));
    }

    @Test
    void invoke_whenHandlerClassIsMissing_failsInitErrorAndEachTryGetsAFreshInstance() {
        node.activate(RuntimeFixture.version("ghost", 1, "dev.gust.runtime.fixtures.DoesNotExist", 128,
                Duration.ofSeconds(3), new dev.gust.store.FunctionSpec.Concurrency(0, 2, 1)));

        Invocation first = node.invoke("ghost", "{}");
        Invocation second = node.invoke("ghost", "{}");

        for (Invocation inv : List.of(first, second)) {
            var f = failure(inv);
            assertThat(f.kind()).isEqualTo(ErrorKind.INIT_ERROR);
            assertThat(f.message()).contains("dev.gust.runtime.fixtures.DoesNotExist");
            assertThat(inv.coldStart()).isTrue();
            assertThat(inv.record().billedMillis()).isZero();
        }
        assertThat(second.record().instanceId()).isNotEqualTo(first.record().instanceId());
    }

    @Test
    void invoke_whenFunctionFloodsStdout_capsItsLogMarksItTruncatedAndSucceedsQuickly() {
        node.activate(misbehave("chatty"));
        var request = RuntimeFixture.request("chatty", "{\"do\":\"flood\",\"mb\":100}");

        Invocation inv = node.invoker.invoke(request);

        assertSucceeded(inv);
        assertThat(inv.record().duration()).isLessThan(Duration.ofSeconds(20));
        List<LogLine> lines = node.logs("chatty", request.id());
        long bytes = lines.stream().filter(l -> l.stream().equals("stdout")).mapToLong(l -> l.message().length()).sum();
        assertThat(bytes).isLessThanOrEqualTo(64 * 1024);
        assertThat(lines).filteredOn(l -> l.message().startsWith("log truncated after"))
                .singleElement()
                .satisfies(l -> assertThat(l.stream()).isEqualTo("system"))
                .satisfies(l -> assertThat(l.message()).isEqualTo("log truncated after 65536 bytes"));
    }

    Instance busyInstance(String function) {
        return node.invoker.instancesOf(function).stream()
                .filter(i -> i.worker.timings().isPresent() && i.worker.process().isPresent())
                .findFirst().orElse(null);
    }

    /** The worker JVM itself: the sandbox's root process, or the java process below it. */
    static ProcessHandle javaProcessOf(Instance instance) {
        long root = ((LaunchedProcess) instance.worker.process().orElseThrow()).pid();
        ProcessHandle handle = ProcessHandle.of(root).orElseThrow();
        return Stream.concat(Stream.of(handle), handle.descendants())
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .max(Comparator.comparingLong(ProcessHandle::pid))
                .orElseThrow();
    }

    void awaitExited(Invocation inv) {
        String id = inv.record().instanceId().orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> node.invoker.stats().stream()
                .noneMatch(s -> false) && node.invoker.instancesOf(inv.record().function()).stream()
                .noneMatch(i -> i.id.equals(id)));
    }
}
