package dev.gust.store.sqlite;

import static dev.gust.store.sqlite.Fixtures.T0;
import static dev.gust.store.sqlite.Fixtures.billed;
import static dev.gust.store.sqlite.Fixtures.full;
import static dev.gust.store.sqlite.Fixtures.sparse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gust.store.ColdStart;
import dev.gust.store.GustStoreException;
import dev.gust.store.InvocationRecord;
import dev.gust.store.InvocationRecord.Status;
import dev.gust.store.InvocationStore.Query;
import dev.gust.store.InvocationStore.Usage;
import dev.gust.store.Store;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteInvocationsTest {
    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.atEpochOfTests();
    private Path file;
    private Store store;

    @BeforeEach
    void open() {
        file = dir.resolve("gust.db");
        store = SqliteStore.open(file, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void record_thenGet_returnsEveryFieldUnchanged() {
        InvocationRecord r = full("inv-1", "hello", T0.plusNanos(123_456_789));

        store.invocations().record(r);

        assertThat(store.invocations().get("inv-1")).contains(r);
    }

    @Test
    void record_withEveryOptionalEmpty_roundTripsTheEmptiness() {
        InvocationRecord r = sparse("inv-2", "hello", T0, Status.THROTTLED);

        store.invocations().record(r);

        assertThat(store.invocations().get("inv-2")).contains(r);
    }

    @Test
    void record_keepsSubMillisecondDurations() {
        store.invocations().record(full("fast", "hello", T0));

        assertThat(store.invocations().get("fast").orElseThrow().duration()).isEqualTo(Duration.ofNanos(1_234_567));
    }

    @Test
    void get_ofUnknownId_isEmpty() {
        assertThat(store.invocations().get("nope")).isEmpty();
    }

    @Test
    void record_ofSameIdTwice_keepsTheLatest() {
        store.invocations().record(sparse("x", "hello", T0, Status.ERROR));
        store.invocations().record(sparse("x", "hello", T0, Status.SUCCESS));

        assertThat(store.invocations().get("x").orElseThrow().status()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void find_filtersByFunctionAndStatus_newestFirst_upToTheLimit() {
        for (int i = 0; i < 5; i++) {
            store.invocations().record(sparse("a" + i, "a", T0.plusSeconds(i), i % 2 == 0 ? Status.SUCCESS : Status.ERROR));
            store.invocations().record(sparse("b" + i, "b", T0.plusSeconds(i), Status.SUCCESS));
        }

        assertThat(ids(new Query(Optional.of("a"), Optional.empty(), 10))).containsExactly("a4", "a3", "a2", "a1", "a0");
        assertThat(ids(new Query(Optional.of("a"), Optional.of(Status.ERROR), 10))).containsExactly("a3", "a1");
        assertThat(ids(new Query(Optional.empty(), Optional.of(Status.SUCCESS), 3))).containsExactly("b4", "a4", "b3");
        assertThat(ids(new Query(Optional.empty(), Optional.empty(), 1000))).hasSize(10);
        assertThat(ids(new Query(Optional.of("zzz"), Optional.empty(), 10))).isEmpty();
    }

    @Test
    void find_withLimitOutOfRange_namesTheField() {
        assertThatThrownBy(() -> store.invocations().find(new Query(Optional.empty(), Optional.empty(), 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit: must be 1..1000, was 0");
        assertThatThrownBy(() -> store.invocations().find(new Query(Optional.empty(), Optional.empty(), 1001)))
                .hasMessage("limit: must be 1..1000, was 1001");
    }

    @Test
    void record_withMissingFields_isRefusedNamingThem_andStoresNothing() {
        var bad = new InvocationRecord("bad", null, 1, "api", null, Duration.ZERO, 0, null, 128, Status.SUCCESS,
                Optional.empty(), Optional.empty(), Optional.empty(), "t", "s", Optional.empty(), "c");

        assertThatThrownBy(() -> store.invocations().record(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("record.function: must be present")
                .hasMessageContaining("record.start: must be present")
                .hasMessageContaining("record.initDuration: must be present");
        assertThat(store.invocations().get("bad")).isEmpty();
    }

    @Test
    void record_withColdStartPartBeyondWhatIsStorable_isRefusedNamingThePart_andStoresNothing() {
        InvocationRecord full = full("huge", "hello", T0);
        ColdStart c = full.coldStart().orElseThrow();
        var hugeInit = new ColdStart(c.mode(), c.reason(), c.queueWait(), c.sandbox(), c.jvm(), c.handOver(),
                c.classLoad(), Duration.ofDays(365L * 300));
        var r = new InvocationRecord(full.id(), full.function(), full.version(), full.trigger(), full.start(),
                full.duration(), full.billedMillis(), full.initDuration(), full.memoryMb(), full.status(),
                full.errorType(), full.errorMessage(), full.instanceId(), full.traceId(), full.spanId(),
                full.parentSpanId(), full.correlationId(), Optional.of(hugeInit));

        assertThatThrownBy(() -> store.invocations().record(r))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("record.coldStart.init: must be shorter than 292 years");
        assertThat(store.invocations().get("huge")).isEmpty();
    }

    @Test
    void find_returnsTheColdStartBreakdownOfEachRecord() {
        store.invocations().record(full("cold", "hello", T0));
        store.invocations().record(sparse("warm", "hello", T0.plusSeconds(1), Status.SUCCESS));

        List<InvocationRecord> found = store.invocations().find(new Query(Optional.of("hello"), Optional.empty(), 10));

        assertThat(found).extracting(InvocationRecord::coldStart)
                .containsExactly(Optional.empty(), full("cold", "hello", T0).coldStart());
    }

    @Test
    void record_withStartBeyondWhatIsStorable_isRefused() {
        var r = sparse("far", "f", Instant.parse("3000-01-01T00:00:00Z"), Status.SUCCESS);

        assertThatThrownBy(() -> store.invocations().record(r)).hasMessageContaining("record.start: must be between");
    }

    @Test
    void usage_sumsPerFunction_excludingThrottled_andCountsErrors() {
        store.invocations().record(billed("1", "a", T0, Status.SUCCESS, 100, 1024));
        store.invocations().record(billed("2", "a", T0.plusSeconds(1), Status.ERROR, 300, 1024));
        store.invocations().record(billed("3", "a", T0.plusSeconds(2), Status.TIMEOUT, 1000, 512));
        store.invocations().record(billed("4", "a", T0.plusSeconds(3), Status.THROTTLED, 0, 1024));
        store.invocations().record(billed("5", "b", T0, Status.SUCCESS, 1, 128));
        store.invocations().record(billed("6", "c", T0, Status.THROTTLED, 0, 128));

        List<Usage> usage = store.invocations().usage(T0, T0.plusSeconds(60));

        assertThat(usage).extracting(Usage::function).containsExactly("a", "b");
        Usage a = usage.get(0);
        assertThat(a.requests()).isEqualTo(3);
        assertThat(a.billedMillis()).isEqualTo(1400);
        assertThat(a.errors()).isEqualTo(2);
        assertThat(a.gbSeconds()).isCloseTo(0.1 + 0.3 + 0.5, within(1e-9));
        assertThat(usage.get(1).gbSeconds()).isCloseTo(0.001 * 0.125, within(1e-12));
    }

    @Test
    void usage_countsStartsInHalfOpenWindow() {
        store.invocations().record(billed("before", "a", T0.minusNanos(1), Status.SUCCESS, 1, 1024));
        store.invocations().record(billed("first", "a", T0, Status.SUCCESS, 10, 1024));
        store.invocations().record(billed("last", "a", T0.plusSeconds(60).minusNanos(1), Status.SUCCESS, 20, 1024));
        store.invocations().record(billed("after", "a", T0.plusSeconds(60), Status.SUCCESS, 1000, 1024));

        List<Usage> usage = store.invocations().usage(T0, T0.plusSeconds(60));

        assertThat(usage).singleElement().satisfies(u -> {
            assertThat(u.requests()).isEqualTo(2);
            assertThat(u.billedMillis()).isEqualTo(30);
        });
        assertThat(store.invocations().usage(Instant.MIN, Instant.MAX).get(0).requests()).isEqualTo(4);
        assertThat(store.invocations().usage(T0.plusSeconds(3600), T0.plusSeconds(7200))).isEmpty();
    }

    @Test
    void close_commitsEveryPendingRecord_forTheNextOpen() {
        for (int i = 0; i < 2000; i++) {
            store.invocations().record(sparse("r" + i, "fn", T0.plusMillis(i), Status.SUCCESS));
        }

        store.close();
        store = SqliteStore.open(file, clock);

        assertThat(store.invocations().usage(T0, T0.plusSeconds(10)).get(0).requests()).isEqualTo(2000);
        assertThat(store.invocations().get("r1999")).isPresent();
    }

    @Test
    void record_afterClose_failsLoudly() {
        store.close();

        assertThatThrownBy(() -> store.invocations().record(sparse("late", "fn", T0, Status.SUCCESS)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
    }

    @Test
    void record_whenTheWriterCannotKeepUp_blocksThenRefusesRatherThanDropping() throws Exception {
        store.close();
        store = SqliteStore.open(file, clock, 2, Duration.ofMillis(300));
        List<String> accepted = new ArrayList<>();
        GustStoreException refused = null;
        try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = lock.createStatement()) {
            s.execute("BEGIN IMMEDIATE"); // holds the write lock: the writer waits on its busy timeout
            for (int i = 0; i < 100 && refused == null; i++) {
                try {
                    store.invocations().record(sparse("q" + i, "fn", T0, Status.SUCCESS));
                    accepted.add("q" + i);
                } catch (GustStoreException e) {
                    refused = e;
                }
            }
            s.execute("ROLLBACK");
        }

        assertThat(refused).isNotNull().hasMessageContaining("write queue").hasMessageContaining("stayed full");
        assertThat(accepted).isNotEmpty().allSatisfy(id -> assertThat(store.invocations().get(id)).isPresent());
        assertThat(store.invocations().get("q" + accepted.size())).as("the refused record").isEmpty();
    }

    private List<String> ids(Query q) {
        return store.invocations().find(q).stream().map(InvocationRecord::id).toList();
    }
}
