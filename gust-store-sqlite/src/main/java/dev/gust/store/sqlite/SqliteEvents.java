package dev.gust.store.sqlite;

import dev.gust.store.AsyncEvent;
import dev.gust.store.EventStore;
import dev.gust.store.WebhookDelivery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The event archive and deployed rules, written straight through (never buffered). Thread-safe. */
final class SqliteEvents implements EventStore {
    private final Database db;

    SqliteEvents(Database db) {
        this.db = db;
    }

    @Override
    public void accept(List<ArchivedEvent> events, List<AsyncEvent> deliveries, List<WebhookDelivery> webhooks) {
        db.write(c -> {
            archive(c, events);
            for (AsyncEvent d : deliveries) {
                SqliteAsyncInvocations.insert(c, d);
            }
            insertWebhooks(c, webhooks);
            return events.size();
        });
    }

    private static void archive(Connection c, List<ArchivedEvent> events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO event_archive (id, source, type, received_ns, event) VALUES (?, ?, ?, ?, ?)")) {
            for (ArchivedEvent e : events) {
                ps.setString(1, e.id());
                ps.setString(2, e.source());
                ps.setString(3, e.type());
                ps.setLong(4, Columns.nanos(e.receivedAt()));
                ps.setString(5, e.json());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static final String HOOK_COLUMNS = "id, rule, event_id, url, secret_ref, content_type, body, attempts,"
            + " next_attempt_ns, created_ns, status, last_error";

    private static void insertWebhooks(Connection c, List<WebhookDelivery> hooks) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_deliveries (" + HOOK_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (WebhookDelivery h : hooks) {
                ps.setString(1, h.id());
                ps.setString(2, h.rule());
                ps.setString(3, h.eventId());
                ps.setString(4, h.url());
                ps.setString(5, h.secretRef());
                ps.setString(6, h.contentType());
                ps.setString(7, h.body());
                ps.setInt(8, h.attempts());
                ps.setLong(9, Columns.nanos(h.nextAttemptAt()));
                ps.setLong(10, Columns.nanos(h.createdAt()));
                ps.setString(11, h.status().name());
                Columns.setOptional(ps, 12, h.lastError());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public List<WebhookDelivery> leaseWebhooks(Instant now, Duration lease, int limit) {
        long at = Columns.clampedNanos(now);
        return db.write(c -> {
            List<WebhookDelivery> due = hooks(c, "SELECT " + HOOK_COLUMNS + " FROM webhook_deliveries WHERE status = "
                    + "'PENDING' AND next_attempt_ns <= ? AND (lease_until_ns IS NULL OR lease_until_ns <= ?)"
                    + " ORDER BY next_attempt_ns LIMIT ?", at, at, limit);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE webhook_deliveries SET attempts = attempts + 1, lease_until_ns = ? WHERE id = ?")) {
                for (WebhookDelivery h : due) {
                    ps.setLong(1, Columns.clampedNanos(now.plus(lease)));
                    ps.setString(2, h.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return due.stream().map(SqliteEvents::counted).toList();
        });
    }

    private static WebhookDelivery counted(WebhookDelivery h) {
        return new WebhookDelivery(h.id(), h.rule(), h.eventId(), h.url(), h.secretRef(), h.contentType(), h.body(),
                h.attempts() + 1, h.nextAttemptAt(), h.createdAt(), h.status(), h.lastError());
    }

    @Override
    public void retryWebhookAt(String id, Instant next, String lastError) {
        update("UPDATE webhook_deliveries SET next_attempt_ns = ?, lease_until_ns = NULL, last_error = ? WHERE id = ?",
                Columns.clampedNanos(next), lastError, id);
    }

    @Override
    public void finishWebhook(String id, WebhookDelivery.Status status, Optional<String> lastError) {
        update("UPDATE webhook_deliveries SET status = ?, lease_until_ns = NULL, last_error = ? WHERE id = ?",
                status.name(), lastError.orElse(null), id);
    }

    @Override
    public Optional<WebhookDelivery> webhook(String id) {
        return db.read(c -> hooks(c, "SELECT " + HOOK_COLUMNS + " FROM webhook_deliveries WHERE id = ?", id))
                .stream().findFirst();
    }

    @Override
    public List<WebhookDelivery> deadLetters(int limit) {
        return db.read(c -> hooks(c, "SELECT " + HOOK_COLUMNS + " FROM webhook_deliveries WHERE status = 'DEAD'"
                + " ORDER BY created_ns LIMIT ?", limit));
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

    private static List<WebhookDelivery> hooks(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<WebhookDelivery> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new WebhookDelivery(rs.getString("id"), rs.getString("rule"), rs.getString("event_id"),
                            rs.getString("url"), rs.getString("secret_ref"), rs.getString("content_type"),
                            rs.getString("body"), rs.getInt("attempts"), Columns.instant(rs, "next_attempt_ns"),
                            Columns.instant(rs, "created_ns"), WebhookDelivery.Status.valueOf(rs.getString("status")),
                            Columns.optionalString(rs, "last_error")));
                }
                return out;
            }
        }
    }

    @Override
    public List<ArchivedEvent> list(Instant since, Instant until, Optional<String> type, int limit) {
        String sql = "SELECT id, source, type, received_ns, event FROM event_archive"
                + " WHERE received_ns >= ? AND received_ns < ?" + (type.isPresent() ? " AND type = ?" : "")
                + " ORDER BY seq LIMIT ?";
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setLong(i++, Columns.clampedNanos(since));
                ps.setLong(i++, Columns.clampedNanos(until));
                if (type.isPresent()) {
                    ps.setString(i++, type.get());
                }
                ps.setInt(i, limit);
                return events(ps);
            }
        });
    }

    private static List<ArchivedEvent> events(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<ArchivedEvent> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new ArchivedEvent(rs.getString("id"), rs.getString("source"), rs.getString("type"),
                        Columns.instant(rs, "received_ns"), rs.getString("event")));
            }
            return out;
        }
    }

    @Override
    public int deleteOlderThan(Instant cutoff) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM event_archive WHERE received_ns < ?")) {
                ps.setLong(1, Columns.clampedNanos(cutoff));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void replaceRules(String app, List<StoredRule> rules) {
        db.write(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM event_rules WHERE app = ?");
                    PreparedStatement ins = c.prepareStatement(
                            "INSERT INTO event_rules (app, name, definition) VALUES (?, ?, ?)")) {
                del.setString(1, app);
                del.executeUpdate();
                for (StoredRule r : rules) {
                    ins.setString(1, app);
                    ins.setString(2, r.name());
                    ins.setString(3, r.definition());
                    ins.addBatch();
                }
                return ins.executeBatch().length;
            }
        });
    }

    @Override
    public List<StoredRule> rules() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT app, name, definition FROM event_rules ORDER BY app, name");
                    ResultSet rs = ps.executeQuery()) {
                List<StoredRule> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new StoredRule(rs.getString("app"), rs.getString("name"), rs.getString("definition")));
                }
                return out;
            }
        });
    }

    /** Ends every webhook lease (only called while opening the file, before anyone leases). @return how many */
    int releaseWebhookLeases() {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_deliveries SET lease_until_ns = NULL"
                    + " WHERE status = 'PENDING' AND lease_until_ns IS NOT NULL")) {
                return ps.executeUpdate();
            }
        });
    }
}
