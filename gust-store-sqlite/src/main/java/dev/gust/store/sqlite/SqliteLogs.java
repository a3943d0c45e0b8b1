package dev.gust.store.sqlite;

import dev.gust.store.LogLine;
import dev.gust.store.LogStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Log lines, written behind; followers hear of a line on the appending thread before it is
 * committed. Thread-safe.
 */
final class SqliteLogs implements LogStore {
    private static final System.Logger LOG = System.getLogger(SqliteLogs.class.getName());
    private static final String COLUMNS = "time_ns, function, version, invocation_id, instance_id, stream, message,"
            + " trace_id, correlation_id";

    private final Database db;
    private final WriteBehind writes;
    private final List<Follower> followers = new CopyOnWriteArrayList<>();

    private record Follower(String function, Consumer<LogLine> listener) {
    }

    SqliteLogs(Database db, WriteBehind writes) {
        this.db = db;
        this.writes = writes;
    }

    @Override
    public void append(LogLine line) {
        Checks.line(line);
        notifyFollowers(line);
        writes.enqueue(line);
    }

    private void notifyFollowers(LogLine line) {
        for (Follower f : followers) {
            if (f.function().equals(line.function())) {
                try {
                    f.listener().accept(line);
                } catch (RuntimeException e) {
                    // one broken follower must not cost the line or the other followers
                    LOG.log(System.Logger.Level.WARNING, "a log follower of " + f.function() + " failed", e);
                }
            }
        }
    }

    @Override
    public List<LogLine> read(String function, Optional<String> invocationId, Optional<Instant> since, int limit) {
        Checks.limit(limit);
        writes.flush();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM log_lines WHERE function = ?");
        invocationId.ifPresent(id -> sql.append(" AND invocation_id = ?"));
        since.ifPresent(t -> sql.append(" AND time_ns >= ?"));
        sql.append(" ORDER BY time_ns DESC, seq DESC LIMIT ?");
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setString(i++, function);
                if (invocationId.isPresent()) {
                    ps.setString(i++, invocationId.get());
                }
                if (since.isPresent()) {
                    ps.setLong(i++, Columns.clampedNanos(since.get()));
                }
                ps.setInt(i, limit);
                List<LogLine> newestFirst = all(ps);
                Collections.reverse(newestFirst);
                return newestFirst;
            }
        });
    }

    @Override
    public AutoCloseable follow(String function, Consumer<LogLine> listener) {
        Follower f = new Follower(function, listener);
        followers.add(f);
        return () -> followers.remove(f);
    }

    @Override
    public int deleteOlderThan(Instant before) {
        writes.flush();
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM log_lines WHERE time_ns < ?")) {
                ps.setLong(1, Columns.clampedNanos(before));
                return ps.executeUpdate();
            }
        });
    }

    static void insert(Connection c, List<LogLine> lines) throws SQLException {
        if (lines.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO log_lines (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (LogLine l : lines) {
                ps.setLong(1, Columns.nanos(l.time()));
                ps.setString(2, l.function());
                ps.setInt(3, l.version());
                ps.setString(4, l.invocationId());
                ps.setString(5, l.instanceId());
                ps.setString(6, l.stream());
                ps.setString(7, l.message());
                ps.setString(8, l.traceId());
                ps.setString(9, l.correlationId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static List<LogLine> all(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<LogLine> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new LogLine(Columns.instant(rs, "time_ns"), rs.getString("function"), rs.getInt("version"),
                        rs.getString("invocation_id"), rs.getString("instance_id"), rs.getString("stream"),
                        rs.getString("message"), rs.getString("trace_id"), rs.getString("correlation_id")));
            }
            return out;
        }
    }
}
