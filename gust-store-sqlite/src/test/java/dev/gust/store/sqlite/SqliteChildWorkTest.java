package dev.gust.store.sqlite;

import static dev.gust.store.sqlite.Fixtures.T0;
import static dev.gust.store.sqlite.Fixtures.full;
import static dev.gust.store.sqlite.Fixtures.sparse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.store.ChildWork;
import dev.gust.store.ChildWork.Kind;
import dev.gust.store.InvocationRecord;
import dev.gust.store.InvocationRecord.Status;
import dev.gust.store.InvocationStore.Query;
import dev.gust.store.Store;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteChildWorkTest {
    @TempDir
    Path dir;
    private Store store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("gust.db"), ManualClock.atEpochOfTests());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void record_thenOf_returnsEveryCallOfTheInvocationInOrderWithEveryField() {
        var sent = ChildWork.succeeded("inv-1", Kind.QUEUE_SEND, "orders", "m-1", T0);
        var failed = ChildWork.failed("inv-1", Kind.FUNCTION_INVOKE, "nope", T0.plusNanos(7), "FunctionNotFound",
                "no function named nope");
        var other = ChildWork.succeeded("inv-2", Kind.EVENTS_PUBLISH, "/shop order.paid", "e-1", T0);
        store.childWork().record(sent);
        store.childWork().record(other);
        store.childWork().record(failed);

        assertThat(store.childWork().of("inv-1")).containsExactly(sent, failed);
        assertThat(store.childWork().of("inv-2")).containsExactly(other);
        assertThat(store.childWork().of("inv-3")).isEmpty();
        assertThat(failed.ok()).isFalse();
        assertThat(sent.ok()).isTrue();
    }

    @Test
    void record_ofAWorkflowStart_keepsItsKindAndExecutionId() {
        var start = ChildWork.succeeded("inv-1", Kind.WORKFLOW_START, "order-saga", "x-1", T0);
        store.childWork().record(start);
        store.close();
        store = SqliteStore.open(dir.resolve("gust.db"), ManualClock.atEpochOfTests());
        assertThat(store.childWork().of("inv-1")).containsExactly(start);
    }

    @Test
    void record_survivesReopening() {
        var async = ChildWork.succeeded("inv-1", Kind.FUNCTION_INVOKE_ASYNC, "later", "a-1", T0);
        store.childWork().record(async);
        store.close();
        store = SqliteStore.open(dir.resolve("gust.db"), ManualClock.atEpochOfTests());
        assertThat(store.childWork().of("inv-1")).containsExactly(async);
    }

    @Test
    void record_withoutAnInvocationId_isRefusedNamingTheFieldAndWritesNothing() {
        assertThatThrownBy(() -> store.childWork().record(ChildWork.succeeded(" ", Kind.QUEUE_SEND, "q", "m", T0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("child.invocationId: must not be blank");
        assertThatThrownBy(() -> store.childWork().record(new ChildWork("inv-1", null, null, Optional.empty(), null,
                Optional.empty(), Optional.empty()))).hasMessageContaining("child.kind").hasMessageContaining("child.target")
                .hasMessageContaining("child.at");
        assertThat(store.childWork().of(" ")).isEmpty();
        assertThat(store.childWork().of("inv-1")).isEmpty();
    }

    @Test
    void find_byCorrelationId_returnsOnlyThatChainNewestFirst() {
        InvocationRecord a = full("a", "front", T0);
        InvocationRecord b = full("b", "back", T0.plusSeconds(1));
        InvocationRecord other = sparse("c", "front", T0.plusSeconds(2), Status.SUCCESS);
        store.invocations().record(a);
        store.invocations().record(b);
        store.invocations().record(other);

        assertThat(store.invocations().find(new Query(Optional.empty(), Optional.empty(), 10, Optional.of("corr-1"))))
                .containsExactly(b, a);
        assertThat(store.invocations().find(new Query(Optional.of("front"), Optional.empty(), 10,
                Optional.of("corr-1")))).containsExactly(a);
        assertThat(store.invocations().find(new Query(Optional.empty(), Optional.empty(), 10, Optional.of("none"))))
                .isEmpty();
    }
}
