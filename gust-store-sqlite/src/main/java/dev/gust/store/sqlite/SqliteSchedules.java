package dev.gust.store.sqlite;

import dev.gust.store.AsyncEvent;
import dev.gust.store.ScheduleStore;
import dev.gust.store.ScheduleStore.TargetOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Schedules and fired slots, written straight through. Thread-safe. */
final class SqliteSchedules implements ScheduleStore {
    private static final String COLUMNS = "name, app, expression, zone, target_kind, target_name, catch_up, input,"
            + " created_ns, target_group, bus_source, bus_detail_type";
    /** A changed expression or zone starts counting again; anything else keeps the creation time. */
    private static final String UPSERT = "INSERT INTO schedules (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (name) DO UPDATE SET app = excluded.app, target_kind = excluded.target_kind,"
            + " target_name = excluded.target_name, catch_up = excluded.catch_up, input = excluded.input,"
            + " target_group = excluded.target_group, bus_source = excluded.bus_source,"
            + " bus_detail_type = excluded.bus_detail_type,"
            + " created_ns = CASE WHEN expression = excluded.expression AND zone = excluded.zone"
            + " THEN created_ns ELSE excluded.created_ns END,"
            + " expression = excluded.expression, zone = excluded.zone";
    private final Database db;

    SqliteSchedules(Database db) {
        this.db = db;
    }

    @Override
    public void replace(String app, List<Definition> schedules) {
        db.write(c -> {
            deleteOthers(c, app, schedules);
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                for (Definition d : schedules) {
                    bind(ps, d);
                    ps.addBatch();
                }
                return ps.executeBatch().length;
            }
        });
    }

    private static void deleteOthers(Connection c, String app, List<Definition> keep) throws SQLException {
        List<String> names = keep.stream().map(Definition::name).toList();
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM schedules WHERE app = ?");
                PreparedStatement del = c.prepareStatement("DELETE FROM schedules WHERE name = ?")) {
            ps.setString(1, app);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!names.contains(rs.getString(1))) {
                        del.setString(1, rs.getString(1));
                        del.addBatch();
                    }
                }
            }
            del.executeBatch();
        }
    }

    private static void bind(PreparedStatement ps, Definition d) throws SQLException {
        ps.setString(1, d.name());
        ps.setString(2, d.app());
        ps.setString(3, d.expression());
        ps.setString(4, d.zone());
        ps.setString(5, d.targetKind());
        ps.setString(6, d.targetName());
        ps.setString(7, d.catchUp());
        Columns.setOptional(ps, 8, d.input());
        ps.setLong(9, Columns.nanos(d.createdAt()));
        Columns.setOptional(ps, 10, d.options().group());
        Columns.setOptional(ps, 11, d.options().source());
        Columns.setOptional(ps, 12, d.options().detailType());
    }

    @Override
    public List<Definition> list() {
        return query("SELECT " + COLUMNS + " FROM schedules ORDER BY name");
    }

    @Override
    public Optional<Definition> get(String name) {
        return query("SELECT " + COLUMNS + " FROM schedules WHERE name = ?", name).stream().findFirst();
    }

    private List<Definition> query(String sql, String... args) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setString(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<Definition> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(definition(rs));
                    }
                    return out;
                }
            }
        });
    }

    private static Definition definition(ResultSet rs) throws SQLException {
        return new Definition(rs.getString("name"), rs.getString("app"), rs.getString("expression"),
                rs.getString("zone"), rs.getString("target_kind"), rs.getString("target_name"),
                rs.getString("catch_up"), Columns.optionalString(rs, "input"), Columns.instant(rs, "created_ns"),
                new TargetOptions(Columns.optionalString(rs, "target_group"), Columns.optionalString(rs, "bus_source"),
                        Columns.optionalString(rs, "bus_detail_type")));
    }

    @Override
    public Optional<Instant> lastFired(String schedule) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT MAX(at_ns) FROM schedule_firings WHERE schedule = ?")) {
                ps.setString(1, schedule);
                try (ResultSet rs = ps.executeQuery()) {
                    long at = rs.next() ? rs.getLong(1) : 0;
                    return rs.wasNull() ? Optional.empty() : Optional.of(Columns.instant(at));
                }
            }
        });
    }

    @Override
    public boolean fire(String schedule, String slotId, Instant at, AsyncEvent invocation) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO schedule_firings (slot_id, schedule, at_ns,"
                    + " invocation_id) VALUES (?, ?, ?, ?) ON CONFLICT (slot_id) DO NOTHING")) {
                ps.setString(1, slotId);
                ps.setString(2, schedule);
                ps.setLong(3, Columns.nanos(at));
                ps.setString(4, invocation.id());
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            SqliteAsyncInvocations.insert(c, invocation);
            return true;
        });
    }
}
