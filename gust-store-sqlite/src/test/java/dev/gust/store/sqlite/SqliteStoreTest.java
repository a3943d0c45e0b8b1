package dev.gust.store.sqlite;

import static dev.gust.store.sqlite.Fixtures.T0;
import static dev.gust.store.sqlite.Fixtures.sparse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gust.store.GustStoreException;
import dev.gust.store.InvocationRecord.Status;
import dev.gust.store.InvocationStore.Query;
import dev.gust.store.Store;
import dev.gust.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {
    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.atEpochOfTests();

    @Test
    void open_ofFreshFile_createsItsDirectory_andMigratesTheSchemaInWalMode() throws SQLException {
        Path file = dir.resolve("data/nested/gust.db");

        SqliteStore.open(file, clock).close();

        assertThat(file).exists();
        assertThat(query(file, "PRAGMA journal_mode")).isEqualTo("wal");
        assertThat(query(file, "SELECT group_concat(version) FROM flyway_schema_history WHERE success = 1"))
                .isEqualTo(String.join(",", migrationVersions()));
        assertThat(query(file, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN"
                + " ('functions', 'function_versions', 'invocations', 'log_lines', 'async_invocations',"
                + " 'idempotency_keys', 'schedules', 'schedule_firings')")).isEqualTo("8");
    }

    @Test
    void open_again_isIdempotent_andKeepsTheData() throws SQLException {
        Path file = dir.resolve("gust.db");
        try (Store store = SqliteStore.open(file, clock)) {
            store.functions().publish("shop", List.of(Fixtures.spec("a")));
        }

        try (Store store = SqliteStore.open(file, clock)) {
            assertThat(store.functions().current("a")).isPresent();
        }
        assertThat(query(file, "SELECT count(*) FROM flyway_schema_history"))
                .isEqualTo(String.valueOf(migrationVersions().size()));
    }

    @Test
    void open_ofADatabaseFromBeforeAsync_givesItsVersionsTheDefaultAsyncSettings() throws SQLException {
        Path file = dir.resolve("gust.db");
        org.flywaydb.core.Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null)
                .locations("classpath:db/migration/sqlite").target("1").load().migrate();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO functions VALUES ('old', 'shop', 1, 1)");
            s.executeUpdate("INSERT INTO function_versions VALUES ('old', 1, 'shop', 'java21', 'a.B', 'abc', 256,"
                    + " 3000000000, '{\"min\":0,\"max\":1,\"perInstance\":1}', '{}', 1, '[]', 0)");
        }

        try (Store store = SqliteStore.open(file, clock)) {
            assertThat(store.functions().current("old").orElseThrow().spec().async())
                    .isEqualTo(dev.gust.store.FunctionSpec.Async.DEFAULT);
        }
    }

    @Test
    void open_ofADatabaseFromBeforeWorkflowTargets_keepsItsDeliveriesSchedulesAndChildWork() throws SQLException {
        Path file = dir.resolve("gust.db");
        org.flywaydb.core.Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null)
                .locations("classpath:db/migration/sqlite").target("10").load().migrate();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO async_invocations (id, function, payload, traceparent, correlation_id, attempts,"
                    + " next_attempt_ns, created_ns, status, target_kind, target_group)"
                    + " VALUES ('ev-1', 'orders.fifo', '{}', 'tp', 'c', 0, 5, 5, 'PENDING', 'queue', 'g')");
            s.executeUpdate("INSERT INTO schedules (name, app, expression, zone, target_kind, target_name, catch_up,"
                    + " created_ns, bus_source) VALUES ('tick', 'shop', 'rate(1 hour)', 'UTC', 'bus', 'default', 'none',"
                    + " 5, '/billing')");
            s.executeUpdate("INSERT INTO child_work (invocation_id, kind, target, result_id, at_ns)"
                    + " VALUES ('inv-1', 'queue.send', 'orders', 'm-1', 5)");
        }

        try (Store store = SqliteStore.open(file, clock)) {
            assertThat(store.asyncInvocations().get("ev-1").orElseThrow().group()).contains("g");
            assertThat(store.schedules().get("tick").orElseThrow().options().source()).contains("/billing");
            assertThat(store.childWork().of("inv-1")).singleElement().extracting(w -> w.resultId().orElseThrow())
                    .isEqualTo("m-1");
        }
    }

    @Test
    void open_ofAFileThatIsNotADatabase_failsClearly() throws Exception {
        Path file = Files.writeString(dir.resolve("gust.db"), "this is not sqlite ".repeat(100));

        assertThatThrownBy(() -> SqliteStore.open(file, clock))
                .isInstanceOf(GustStoreException.class).hasMessageContaining(file.getFileName().toString());
    }

    @Test
    void readsAfterClose_areRefused() {
        Store store = SqliteStore.open(dir.resolve("gust.db"), clock);
        store.close();

        assertThatThrownBy(() -> store.functions().list())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        store.close(); // closing twice is harmless
    }

    @Test
    void concurrentRecordersAndReaders_loseNothing_andSeeTheirOwnRecords() throws Exception {
        int writers = 4;
        int perWriter = 300;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        try (Store store = SqliteStore.open(dir.resolve("gust.db"), clock)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                tasks.add(pool.submit(() -> recordAndReadBack(store, start, id, perWriter)));
            }
            for (int r = 0; r < 2; r++) {
                tasks.add(pool.submit(() -> readWhileWriting(store, start, writing, reads)));
            }
            start.countDown();
            for (int w = 0; w < writers; w++) {
                tasks.get(w).get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<?> f : tasks) {
                f.get(60, TimeUnit.SECONDS);
            }

            assertThat(store.invocations().usage(T0, T0.plusSeconds(3600)))
                    .singleElement().satisfies(u -> assertThat(u.requests()).isEqualTo(writers * perWriter));
            assertThat(reads.get()).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    private static Void recordAndReadBack(Store store, CountDownLatch start, int writer, int count) throws Exception {
        start.await();
        for (int i = 0; i < count; i++) {
            String id = "w" + writer + "-" + i;
            store.invocations().record(sparse(id, "fn", T0.plusMillis(i), Status.SUCCESS));
            if (i % 25 == 0) {
                assertThat(store.invocations().get(id)).as("read after record of " + id).isPresent();
            }
        }
        return null;
    }

    private static Void readWhileWriting(Store store, CountDownLatch start, AtomicBoolean writing, AtomicInteger reads)
            throws Exception {
        start.await();
        do {
            assertThat(store.invocations().find(new Query(Optional.of("fn"), Optional.empty(), 50))).hasSizeLessThanOrEqualTo(50);
            reads.incrementAndGet();
        } while (writing.get());
        return null;
    }

    @Test
    void writesFromRecord_reachTheFileWithoutAnyRead() {
        Path file = dir.resolve("gust.db");
        try (Store store = SqliteStore.open(file, clock)) {
            store.invocations().record(sparse("bg", "fn", T0, Status.SUCCESS));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> query(file, "SELECT count(*) FROM invocations WHERE id = 'bg'").equals("1"));
        }
    }

    private static String query(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** @return the versions of the migrations the store ships, in order: every V*.sql applies once */
    private static List<String> migrationVersions() {
        try (var files = java.nio.file.Files.list(Path.of("src/main/resources/db/migration/sqlite"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__"))).sorted(java.util.Comparator.comparingInt(Integer::parseInt))
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
