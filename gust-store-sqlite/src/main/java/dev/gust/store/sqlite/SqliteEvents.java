package dev.gust.store.sqlite;

import dev.gust.store.AsyncEvent;
import dev.gust.store.EventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
    public void accept(List<ArchivedEvent> events, List<AsyncEvent> deliveries) {
        db.write(c -> {
            archive(c, events);
            for (AsyncEvent d : deliveries) {
                SqliteAsyncInvocations.insert(c, d);
            }
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
}
