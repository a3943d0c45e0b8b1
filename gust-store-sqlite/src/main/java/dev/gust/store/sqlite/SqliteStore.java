package dev.gust.store.sqlite;

import dev.gust.store.AsyncInvocationStore;
import dev.gust.store.ChildWork;
import dev.gust.store.ChildWorkStore;
import dev.gust.store.EventStore;
import dev.gust.store.FunctionStore;
import dev.gust.store.IdempotencyStore;
import dev.gust.store.InvocationRecord;
import dev.gust.store.InvocationStore;
import dev.gust.store.LogLine;
import dev.gust.store.LogStore;
import dev.gust.store.QueueStore;
import dev.gust.store.ScheduleStore;
import dev.gust.store.Store;
import dev.gust.store.WorkflowStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded store: one SQLite file (WAL, {@code synchronous=NORMAL}, foreign keys on), its
 * schema migrated by Flyway on open. Invocation records, their child work and log lines are committed in batches by
 * one writer thread; reads flush pending writes first, so a caller that got a result can read its
 * record at once.
 */
public final class SqliteStore {
    static final int QUEUE_CAPACITY = 10_000;
    static final Duration OFFER_TIMEOUT = Duration.ofSeconds(5);

    private SqliteStore() {
    }

    /**
     * Opens (creating and migrating when needed) a store. One node owns a file at a time.
     *
     * @param databaseFile e.g. {@code <data>/gust.db}; its directory is created when missing
     * @param clock stamps published versions
     * @return the store; close it to commit buffered writes and release the file
     * @throws dev.gust.store.GustStoreException when the file cannot be opened or migrated
     */
    public static Store open(Path databaseFile, InstantSource clock) {
        return open(databaseFile, clock, QUEUE_CAPACITY, OFFER_TIMEOUT);
    }

    static Store open(Path databaseFile, InstantSource clock, int queueCapacity, Duration offerTimeout) {
        Database db = Database.open(databaseFile);
        WriteBehind writes = new WriteBehind(db, SqliteStore::insert, queueCapacity, offerTimeout);
        var async = new SqliteAsyncInvocations(db);
        var events = new SqliteEvents(db);
        var workflows = new SqliteWorkflows(db);
        var idempotency = new SqliteIdempotency(db);
        // the file's previous owner is gone: its async attempts, webhook posts, timer firings and
        // idempotent requests will never finish, so let them run again now
        async.releaseLeases();
        events.releaseWebhookLeases();
        idempotency.releaseUnfinished();
        workflows.releaseLeases();
        return new Open(db, writes, new SqliteFunctions(db, clock), new SqliteInvocations(db, writes),
                new SqliteLogs(db, writes), async, idempotency,
                new SqliteSchedules(db), new SqliteQueues(db), events, new SqliteChildWork(db, writes),
                workflows);
    }

    private static void insert(Connection c, List<Object> rows) throws SQLException {
        List<InvocationRecord> records = new ArrayList<>();
        List<LogLine> lines = new ArrayList<>();
        List<ChildWork> children = new ArrayList<>();
        for (Object row : rows) {
            switch (row) {
                case InvocationRecord r -> records.add(r);
                case LogLine l -> lines.add(l);
                case ChildWork w -> children.add(w);
                default -> throw new IllegalArgumentException("not a row: " + row.getClass());
            }
        }
        SqliteInvocations.insert(c, records);
        SqliteLogs.insert(c, lines);
        SqliteChildWork.insert(c, children);
    }

    /** The open store. */
    private record Open(Database db, WriteBehind writes, FunctionStore functions, InvocationStore invocations,
            LogStore logs, AsyncInvocationStore asyncInvocations, IdempotencyStore idempotency,
            ScheduleStore schedules, QueueStore queues, EventStore events, ChildWorkStore childWork,
            WorkflowStore workflows)
            implements Store {

        @Override
        public void close() {
            try {
                writes.close();
            } finally {
                db.close();
            }
        }

        @Override
        public String toString() {
            return "SqliteStore[" + db + "]";
        }
    }
}
