package dev.gust.store.sqlite;

import static dev.gust.store.sqlite.Fixtures.T0;
import static dev.gust.store.sqlite.Fixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.store.LogLine;
import dev.gust.store.Store;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteLogsTest {
    @TempDir
    Path dir;
    private Path file;
    private Store store;

    @BeforeEach
    void open() {
        file = dir.resolve("gust.db");
        store = SqliteStore.open(file, ManualClock.atEpochOfTests());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void append_thenRead_returnsLinesOfTheFunction_oldestFirst_everyFieldIntact() {
        LogLine first = new LogLine(T0.plusNanos(5), "a", 2, "inv-1", "i-9", "stderr", "boom ✓", "tr", "co");
        store.logs().append(first);
        store.logs().append(line(T0.plusSeconds(1), "a", "inv-1", "second"));
        store.logs().append(line(T0, "b", "inv-2", "other function"));

        List<LogLine> lines = store.logs().read("a", Optional.empty(), Optional.empty(), 100);

        assertThat(lines).extracting(LogLine::message).containsExactly("boom ✓", "second");
        assertThat(lines.get(0)).isEqualTo(first);
    }

    @Test
    void read_withLimit_returnsTheNewestLines_oldestFirst() {
        for (int i = 0; i < 10; i++) {
            store.logs().append(line(T0.plusSeconds(i), "a", "", "line " + i));
        }

        assertThat(store.logs().read("a", Optional.empty(), Optional.empty(), 3))
                .extracting(LogLine::message).containsExactly("line 7", "line 8", "line 9");
    }

    @Test
    void read_ofLinesWithTheSameTime_keepsTheirAppendOrder() {
        for (int i = 0; i < 5; i++) {
            store.logs().append(line(T0, "a", "inv", "line " + i));
        }

        assertThat(store.logs().read("a", Optional.empty(), Optional.empty(), 4))
                .extracting(LogLine::message).containsExactly("line 1", "line 2", "line 3", "line 4");
    }

    @Test
    void read_byInvocationAndSince_filters() {
        store.logs().append(line(T0, "a", "inv-1", "one early"));
        store.logs().append(line(T0.plusSeconds(10), "a", "inv-1", "one late"));
        store.logs().append(line(T0.plusSeconds(10), "a", "inv-2", "two late"));

        assertThat(store.logs().read("a", Optional.of("inv-1"), Optional.empty(), 10))
                .extracting(LogLine::message).containsExactly("one early", "one late");
        assertThat(store.logs().read("a", Optional.empty(), Optional.of(T0.plusSeconds(10)), 10))
                .extracting(LogLine::message).containsExactly("one late", "two late");
        assertThat(store.logs().read("a", Optional.of("inv-2"), Optional.of(T0.plusSeconds(11)), 10)).isEmpty();
    }

    @Test
    void read_withLimitBelowOne_namesTheField() {
        assertThatThrownBy(() -> store.logs().read("a", Optional.empty(), Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit: must be at least 1, was 0");
    }

    @Test
    void follow_receivesLinesOfItsFunction_onAppend_untilClosed() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        AutoCloseable sub = store.logs().follow("a", l -> seen.add(l.message()));

        store.logs().append(line(T0, "a", "inv", "hello"));
        store.logs().append(line(T0, "b", "inv", "not mine"));
        assertThat(seen).containsExactly("hello");

        sub.close();
        store.logs().append(line(T0, "a", "inv", "after close"));
        assertThat(seen).containsExactly("hello");
    }

    @Test
    void follow_whenAListenerThrows_stillStoresTheLineAndTellsOthers() {
        List<String> seen = new CopyOnWriteArrayList<>();
        store.logs().follow("a", l -> {
            throw new IllegalStateException("broken follower");
        });
        store.logs().follow("a", l -> seen.add(l.message()));

        store.logs().append(line(T0, "a", "inv", "hello"));

        assertThat(seen).containsExactly("hello");
        assertThat(store.logs().read("a", Optional.empty(), Optional.empty(), 10)).hasSize(1);
    }

    @Test
    void deleteOlderThan_removesOnlyLinesBeforeTheCutOff() {
        store.logs().append(line(T0, "a", "", "old"));
        store.logs().append(line(T0.plusSeconds(3600), "b", "", "older than cut"));
        store.logs().append(line(T0.plusSeconds(7200), "a", "", "at cut"));
        store.logs().append(line(T0.plusSeconds(9000), "a", "", "new"));

        int deleted = store.logs().deleteOlderThan(T0.plusSeconds(7200));

        assertThat(deleted).isEqualTo(2);
        assertThat(store.logs().read("a", Optional.empty(), Optional.empty(), 10))
                .extracting(LogLine::message).containsExactly("at cut", "new");
        assertThat(store.logs().deleteOlderThan(T0.plusSeconds(7200))).isZero();
    }

    @Test
    void close_commitsPendingLines_forTheNextOpen() {
        for (int i = 0; i < 1500; i++) {
            store.logs().append(line(T0.plusMillis(i), "a", "inv", "line " + i));
        }

        store.close();
        store = SqliteStore.open(file, ManualClock.atEpochOfTests());

        List<LogLine> lines = store.logs().read("a", Optional.empty(), Optional.empty(), 5000);
        assertThat(lines).hasSize(1500);
        assertThat(lines.get(1499).message()).isEqualTo("line 1499");
    }
}
