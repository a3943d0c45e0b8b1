package dev.gust.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.common.TraceContext;
import dev.gust.store.FunctionSpec.Concurrency;
import dev.gust.store.InvocationRecord;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the invoker says to bad requests and unknown functions; none of these starts a worker. */
class InvokerInputTest {
    private RuntimeFixture node;

    @BeforeEach
    void start() throws Exception {
        node = RuntimeFixture.builder(RuntimeConfig.SandboxMode.PROCESS).start();
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @Test
    void invoke_unknownFunction_failsNotFoundAndIsRecorded() {
        var request = RuntimeFixture.request("nobody", "{}");

        Invocation inv = node.invoker.invoke(request);

        var f = RuntimeFixture.failure(inv);
        assertThat(f.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(f.kind().httpStatus()).isEqualTo(404);
        assertThat(f.message()).contains("'nobody'");
        InvocationRecord r = node.store.get(request.id()).orElseThrow();
        assertThat(r.status()).isEqualTo(InvocationRecord.Status.ERROR);
        assertThat(r.errorType()).hasValue("FunctionNotFound");
        assertThat(r.billedMillis()).isZero();
        assertThat(r.version()).isZero();
        assertThat(r.correlationId()).isEqualTo(request.correlationId());
    }

    @Test
    void invoke_blankId_isRejectedNamingTheFieldAndRecordsNothing() {
        var bad = new InvocationRequest(" ", "f", new byte[0], "api", TraceContext.newRoot(), "");

        assertThatThrownBy(() -> node.invoker.invoke(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id: must not be blank");
        assertThat(node.store.find(new dev.gust.store.InvocationStore.Query(Optional.empty(), Optional.empty(), 10)))
                .isEmpty();
    }

    @Test
    void invoke_oversizedPayload_isRejectedWithTheLimit() {
        var bad = new InvocationRequest("x1", "f", new byte[DefaultInvoker.MAX_PAYLOAD_BYTES + 1], "api",
                TraceContext.newRoot(), "");

        assertThatThrownBy(() -> node.invoker.invoke(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload: must be at most 6291456 bytes, was 6291457");
    }

    @Test
    void activate_versionWithImpossibleConcurrency_isRejectedAndActivatesNothing() {
        var bad = RuntimeFixture.version("f", 1, "x.Y", 256, Duration.ofSeconds(3), new Concurrency(2, 1, 1));

        assertThatThrownBy(() -> node.invoker.activate(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("concurrency.min: must be 0..max (1), was 2");
        assertThat(node.invoker.stats()).isEmpty();
        assertThat(RuntimeFixture.failure(node.invoke("f", "{}")).kind()).isEqualTo(ErrorKind.NOT_FOUND);
    }

    @Test
    void invoke_afterShutdown_failsUnavailable() {
        node.invoker.shutdown(Duration.ofSeconds(1));

        var f = RuntimeFixture.failure(node.invoke("f", "{}"));

        assertThat(f.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(node.store.find(new dev.gust.store.InvocationStore.Query(Optional.empty(), Optional.empty(), 10)))
                .singleElement().satisfies(r -> assertThat(r.errorType()).hasValue("Unavailable"));
    }

    @Test
    void billedMillis_roundsUpAndChargesAtLeastOne() {
        assertThat(DefaultInvoker.billedMillis(0)).isEqualTo(1);
        assertThat(DefaultInvoker.billedMillis(1)).isEqualTo(1);
        assertThat(DefaultInvoker.billedMillis(1_000_000)).isEqualTo(1);
        assertThat(DefaultInvoker.billedMillis(1_000_001)).isEqualTo(2);
        assertThat(DefaultInvoker.billedMillis(2_999_999_999L)).isEqualTo(3000);
    }

    @Test
    void sandbox_saysWhichSandboxRuns() {
        assertThat(node.invoker.sandbox().kind()).isEqualTo("process");
    }
}
