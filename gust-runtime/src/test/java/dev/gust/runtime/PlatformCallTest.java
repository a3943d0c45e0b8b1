package dev.gust.runtime;

import static dev.gust.runtime.RuntimeFixture.assertSucceeded;
import static dev.gust.runtime.RuntimeFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.runtime.fixtures.Calling;
import dev.gust.store.FunctionSpec;
import dev.gust.store.FunctionVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Calls from running functions to the node, through real worker processes. */
class PlatformCallTest {

    static FunctionVersion calling(String name, int perInstance) {
        return RuntimeFixture.version(name, 1, Calling.class.getName(), 256, Duration.ofSeconds(30),
                new FunctionSpec.Concurrency(0, 2, perInstance));
    }

    static CallHandler.Reply ok(String json) {
        return new CallHandler.Reply.Ok(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void call_fromARunningInvocation_reachesTheHandlerWithTheCallerAndItsAnswerGoesBack() throws Exception {
        List<CallHandler.Caller> callers = new CopyOnWriteArrayList<>();
        List<String> payloads = new CopyOnWriteArrayList<>();
        CallHandler handler = (caller, operation, payload) -> {
            callers.add(caller);
            payloads.add(operation + " " + new String(payload, StandardCharsets.UTF_8));
            return ok("{\"messageId\":\"m-1\"}");
        };
        try (var node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS).callHandler(handler).start()) {
            node.activate(calling("caller", 1));
            var request = RuntimeFixture.request("caller", "{\"op\":\"send\"}");
            Invocation inv = node.invoker.invoke(request);
            assertThat(text(inv)).isEqualTo("\"m-1\"");
            assertThat(callers).containsExactly(new CallHandler.Caller(request.id(), "caller", 1, request.trace(),
                    request.correlationId()));
            assertThat(payloads).containsExactly("queue.send {\"queue\":\"orders\",\"body\":\"from " + request.id()
                    + "\",\"attributes\":{}}");
        }
    }

    @Test
    void call_withTheDefaultHandler_isRefusedWithAClearError() throws Exception {
        try (var node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS).start()) {
            node.activate(calling("caller", 1));
            assertThat(text(node.invoke("caller", "{\"op\":\"send\"}")))
                    .isEqualTo("\"failed Unsupported: queue.send: this node does not serve calls from functions\"");
        }
    }

    @Test
    void call_whenTheHandlerThrows_failsOnlyThatCallAsUnhandled() throws Exception {
        CallHandler handler = (caller, operation, payload) -> {
            throw new IllegalStateException("store is down");
        };
        try (var node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS).callHandler(handler).start()) {
            node.activate(calling("caller", 1));
            assertThat(text(node.invoke("caller", "{\"op\":\"send\"}")))
                    .isEqualTo("\"failed Unhandled: queue.send: the node could not complete the call; see its log\"");
            assertThat(text(node.invoke("caller", "{\"op\":\"send\"}"))).startsWith("\"failed Unhandled");
        }
    }

    @Test
    void calls_manyAtOnceFromOneInstance_areServedConcurrently() throws Exception {
        int count = 6;
        var allArrived = new CountDownLatch(count);
        CallHandler handler = (caller, operation, payload) -> {
            allArrived.countDown();
            try {
                // each call waits for all the others: only concurrent service lets any finish
                if (!allArrived.await(30, TimeUnit.SECONDS)) {
                    return new CallHandler.Reply.Failed("Lonely", "not every call arrived");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new CallHandler.Reply.Failed("Interrupted", "interrupted");
            }
            String body = new String(payload, StandardCharsets.UTF_8).replaceAll(".*\"body\":\"(m\\d)\".*", "$1");
            return ok("{\"messageId\":\"id-" + body + "\"}");
        };
        try (var node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS).callHandler(handler).start()) {
            node.activate(calling("caller", 1));
            assertThat(text(node.invoke("caller", "{\"op\":\"parallel\",\"count\":" + count + "}")))
                    .isEqualTo("[\"id-m0\",\"id-m1\",\"id-m2\",\"id-m3\",\"id-m4\",\"id-m5\"]");
        }
    }

    @Test
    void call_forAnInvocationNotRunningOnTheInstance_isRefusedAndTheInstanceKeepsServing() throws Exception {
        List<String> handled = new CopyOnWriteArrayList<>();
        CallHandler handler = (caller, operation, payload) -> {
            handled.add(caller.invocationId());
            return ok("{\"messageId\":\"m\"}");
        };
        try (var node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS).callHandler(handler).start()) {
            node.activate(calling("caller", 1));
            Invocation forged = node.invoke("caller", "{\"op\":\"forge\",\"target\":\"someone-else\"}");
            assertThat(text(forged)).isEqualTo("\"failed InvalidCall: queue.send: invocation 'someone-else' is not"
                    + " running on instance " + forged.record().instanceId().orElseThrow()
                    + "; a call must come from a running invocation\"");
            assertThat(handled).isEmpty();
            Invocation next = node.invoke("caller", "{\"op\":\"send\"}");
            assertSucceeded(next);
            assertThat(next.record().instanceId()).isEqualTo(forged.record().instanceId());
            assertThat(handled).hasSize(1);
        }
    }
}
