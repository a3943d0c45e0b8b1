package dev.gust.store.sqlite;

import dev.gust.store.AsyncEvent;
import dev.gust.store.AsyncInvocationStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Async invocations in one table, written straight through (never buffered). Thread-safe. */
final class SqliteAsyncInvocations implements AsyncInvocationStore {
    private static final String COLUMNS = "id, function, payload, traceparent, correlation_id, attempts,"
            + " next_attempt_ns, created_ns, status, last_error, last_invocation_id, trigger, target_kind, target_group";
    private final Database db;

    SqliteAsyncInvocations(Database db) {
        this.db = db;
    }

    @Override
    public void enqueue(AsyncEvent e) {
        db.write(c -> insert(c, e));
    }

    /** Inserts within the caller's transaction, so another table's write can commit with it. */
    static int insert(Connection c, AsyncEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO async_invocations (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.id());
            ps.setString(2, e.function());
            ps.setString(3, e.payload());
            ps.setString(4, e.traceparent());
            ps.setString(5, e.correlationId());
            ps.setInt(6, e.attempts());
            ps.setLong(7, Columns.nanos(e.nextAttemptAt()));
            ps.setLong(8, Columns.nanos(e.createdAt()));
            ps.setString(9, e.status().name());
            Columns.setOptional(ps, 10, e.lastError());
            Columns.setOptional(ps, 11, e.lastInvocationId());
            ps.setString(12, e.trigger());
            ps.setString(13, e.kind().label());
            Columns.setOptional(ps, 14, e.group());
            return ps.executeUpdate();
        }
    }

    @Override
    public Optional<AsyncEvent> get(String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM async_invocations WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(event(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<AsyncEvent> lease(Instant now, Duration lease, int limit) {
        long at = Columns.clampedNanos(now);
        long until = Columns.clampedNanos(now.plus(lease));
        return db.write(c -> {
            List<AsyncEvent> due = due(c, at, limit);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE async_invocations SET attempts = attempts + 1, lease_until_ns = ? WHERE id = ?")) {
                for (AsyncEvent e : due) {
                    ps.setLong(1, until);
                    ps.setString(2, e.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return due.stream().map(AsyncEvent::counted).toList();
        });
    }

    private static List<AsyncEvent> due(Connection c, long at, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM async_invocations"
                + " WHERE status = 'PENDING' AND next_attempt_ns <= ? AND (lease_until_ns IS NULL OR lease_until_ns <= ?)"
                + " ORDER BY next_attempt_ns LIMIT ?")) {
            ps.setLong(1, at);
            ps.setLong(2, at);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<AsyncEvent> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(event(rs));
                }
                return out;
            }
        }
    }

    @Override
    public void retryAt(String id, Instant next, String lastError, String lastInvocationId) {
        update("UPDATE async_invocations SET next_attempt_ns = ?, lease_until_ns = NULL, last_error = ?,"
                + " last_invocation_id = ? WHERE id = ?", Columns.clampedNanos(next), lastError, lastInvocationId, id);
    }

    @Override
    public void finish(String id, AsyncEvent.Status status, Optional<String> lastError, Optional<String> lastInvocationId) {
        update("UPDATE async_invocations SET status = ?, lease_until_ns = NULL, last_error = ?,"
                + " last_invocation_id = COALESCE(?, last_invocation_id) WHERE id = ?", status.name(),
                lastError.orElse(null), lastInvocationId.orElse(null), id);
    }

    private void update(String sql, Object... args) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int pending() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM async_invocations WHERE status = 'PENDING'");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    private static AsyncEvent event(ResultSet rs) throws SQLException {
        return new AsyncEvent(rs.getString("id"), rs.getString("function"), rs.getString("payload"),
                rs.getString("traceparent"), rs.getString("correlation_id"), rs.getInt("attempts"),
                Columns.instant(rs, "next_attempt_ns"), Columns.instant(rs, "created_ns"),
                AsyncEvent.Status.valueOf(rs.getString("status")), Columns.optionalString(rs, "last_error"),
                Columns.optionalString(rs, "last_invocation_id"), rs.getString("trigger"),
                AsyncEvent.Kind.of(rs.getString("target_kind")), Columns.optionalString(rs, "target_group"));
    }

    /** Rows deleted per transaction, so a large sweep never holds the write lock for long. */
    static final int DELETE_BATCH = 5_000;

    @Override
    public int deleteFinishedBefore(Instant before) {
        long cutoff = Columns.clampedNanos(before);
        int total = 0;
        int n;
        do {
            n = db.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM async_invocations WHERE id IN (SELECT id"
                        + " FROM async_invocations WHERE status IN ('SUCCEEDED', 'FAILED', 'EXPIRED')"
                        + " AND next_attempt_ns < ? LIMIT ?)")) {
                    ps.setLong(1, cutoff);
                    ps.setInt(2, DELETE_BATCH);
                    return ps.executeUpdate();
                }
            });
            total += n;
        } while (n == DELETE_BATCH);
        return total;
    }

    /**
     * Ends every lease: called when the store opens. One node owns an SQLite file, so a lease found
     * then was held by a node that is gone (killed mid-attempt); its events are due again at once
     * instead of after the lease, with the lost attempt counted.
     *
     * @return how many leases were ended
     */
    int releaseLeases() {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE async_invocations SET lease_until_ns = NULL"
                    + " WHERE status = 'PENDING' AND lease_until_ns IS NOT NULL")) {
                return ps.executeUpdate();
            }
        });
    }
}
