package dev.gust.store.sqlite;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.store.GustStoreException;
import dev.gust.store.IdempotencyStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Idempotency keys in one table; a claim is one write transaction, so two claims never both win. */
final class SqliteIdempotency implements IdempotencyStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;

    SqliteIdempotency(Database db) {
        this.db = db;
    }

    @Override
    public Claim claim(String function, String key, String invocationId, Instant now, Duration window) {
        return db.write(c -> {
            Optional<Claim> held = held(c, function, key, Columns.clampedNanos(now));
            if (held.isPresent() && !abandoned(c, function, key, now, window)) {
                return held.get();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO idempotency_keys"
                    + " (function, key, invocation_id, expires_ns) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, function);
                ps.setString(2, key);
                ps.setString(3, invocationId);
                ps.setLong(4, Columns.clampedNanos(now.plus(window)));
                ps.executeUpdate();
            }
            return new Claim.Claimed();
        });
    }

    private static Optional<Claim> held(Connection c, String function, String key, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT invocation_id, status, content_type, body, headers"
                + " FROM idempotency_keys WHERE function = ? AND key = ? AND expires_ns > ?")) {
            ps.setString(1, function);
            ps.setString(2, key);
            ps.setLong(3, now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(claim(rs)) : Optional.empty();
            }
        }
    }

    /** A claim still running since before {@code now - ABANDONED_AFTER}; the window gives its start. */
    private static boolean abandoned(Connection c, String function, String key, Instant now, Duration window)
            throws SQLException {
        long startedBefore = Columns.clampedNanos(now.minus(ABANDONED_AFTER).plus(window));
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM idempotency_keys"
                + " WHERE function = ? AND key = ? AND status IS NULL AND expires_ns <= ?")) {
            ps.setString(1, function);
            ps.setString(2, key);
            ps.setLong(3, startedBefore);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Claim claim(ResultSet rs) throws SQLException {
        String id = rs.getString("invocation_id");
        int status = rs.getInt("status");
        if (rs.wasNull()) {
            return new Claim.Running(id);
        }
        return new Claim.Done(new StoredResponse(id, status, rs.getString("content_type"), rs.getBytes("body"),
                headers(rs.getString("headers"))));
    }

    private static Map<String, String> headers(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            throw new GustStoreException("a stored idempotency response is corrupt: " + e.getMessage(), e);
        }
    }

    @Override
    public void complete(String function, String key, StoredResponse r) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE idempotency_keys SET status = ?, content_type = ?,"
                    + " body = ?, headers = ? WHERE function = ? AND key = ? AND invocation_id = ?")) {
                ps.setInt(1, r.status());
                ps.setString(2, r.contentType());
                ps.setBytes(3, r.body());
                ps.setString(4, Columns.headersJson(r.headers()));
                ps.setString(5, function);
                ps.setString(6, key);
                ps.setString(7, r.invocationId());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void release(String function, String key) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM idempotency_keys WHERE function = ? AND key = ? AND status IS NULL")) {
                ps.setString(1, function);
                ps.setString(2, key);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int deleteExpired(Instant now) {
        long at = Columns.clampedNanos(now);
        int total = 0;
        int n;
        do {
            n = db.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM idempotency_keys WHERE rowid IN"
                        + " (SELECT rowid FROM idempotency_keys WHERE expires_ns <= ? LIMIT ?)")) {
                    ps.setLong(1, at);
                    ps.setInt(2, SqliteAsyncInvocations.DELETE_BATCH);
                    return ps.executeUpdate();
                }
            });
            total += n;
        } while (n == SqliteAsyncInvocations.DELETE_BATCH);
        return total;
    }

    /**
     * Drops every claim whose first request never finished: only called while opening the file, when
     * the process that made them is gone, so a repeat runs again at once instead of waiting out the
     * abandonment window. @return how many
     */
    int releaseUnfinished() {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM idempotency_keys WHERE status IS NULL")) {
                return ps.executeUpdate();
            }
        });
    }
}
