package dev.gust.store.sqlite;

import dev.gust.store.FunctionSpec;
import dev.gust.store.FunctionStore;
import dev.gust.store.FunctionVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Functions and their immutable versions in two tables. Thread-safe. */
final class SqliteFunctions implements FunctionStore {
    private static final String VERSION_COLUMNS = "v.function, v.version, v.app, v.runtime, v.handler, v.code_sha256,"
            + " v.memory_mb, v.timeout_ns, v.concurrency, v.environment, v.network, v.routes, v.created_at_ns, v.async, v.sample_event";
    private static final String CURRENT = "SELECT " + VERSION_COLUMNS + " FROM functions f JOIN function_versions v"
            + " ON v.function = f.name AND v.version = f.current_version";

    private final Database db;
    private final InstantSource clock;

    SqliteFunctions(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public List<Published> publish(String app, List<FunctionSpec> specs) {
        Checks.publish(app, specs);
        Instant now = clock.instant();
        return db.write(c -> {
            List<Published> out = new ArrayList<>();
            for (FunctionSpec spec : specs) {
                out.add(publishOne(c, app, spec, now));
            }
            return out;
        });
    }

    private static Published publishOne(Connection c, String app, FunctionSpec spec, Instant now) throws SQLException {
        Optional<FunctionVersion> current = current(c, spec.name());
        if (current.isPresent() && current.get().app().equals(app) && current.get().spec().equals(spec)) {
            return new Published(current.get(), false);
        }
        var version = new FunctionVersion(app, lastVersion(c, spec.name()) + 1, spec, now);
        upsertFunction(c, version);
        insertVersion(c, version);
        return new Published(version, true);
    }

    private static int lastVersion(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_version FROM functions WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static void upsertFunction(Connection c, FunctionVersion v) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO functions (name, app, current_version, last_version)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET app = excluded.app,"
                + " current_version = excluded.current_version, last_version = excluded.last_version")) {
            ps.setString(1, v.name());
            ps.setString(2, v.app());
            ps.setInt(3, v.version());
            ps.setInt(4, v.version());
            ps.executeUpdate();
        }
    }

    private static void insertVersion(Connection c, FunctionVersion v) throws SQLException {
        FunctionSpec s = v.spec();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO function_versions (function, version, app, runtime,"
                + " handler, code_sha256, memory_mb, timeout_ns, concurrency, environment, network, routes, created_at_ns,"
                + " async, sample_event) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, s.name());
            ps.setInt(2, v.version());
            ps.setString(3, v.app());
            ps.setString(4, s.runtime());
            ps.setString(5, s.handler());
            ps.setString(6, s.codeSha256());
            ps.setInt(7, s.memoryMb());
            ps.setLong(8, s.timeout().toNanos());
            ps.setString(9, Columns.concurrencyJson(s.concurrency()));
            ps.setString(10, Columns.environmentJson(s.environment()));
            ps.setInt(11, s.network() ? 1 : 0);
            ps.setString(12, Columns.routesJson(s.routes()));
            ps.setLong(13, Columns.nanos(v.createdAt()));
            ps.setString(14, Columns.asyncJson(s.async()));
            ps.setString(15, s.sampleEvent().orElse(null));
            ps.executeUpdate();
        }
    }

    @Override
    public Optional<FunctionVersion> current(String name) {
        return db.read(c -> current(c, name));
    }

    private static Optional<FunctionVersion> current(Connection c, String name) throws SQLException {
        return queryOne(c, CURRENT + " WHERE f.name = ?", name);
    }

    @Override
    public Optional<FunctionVersion> version(String name, int version) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + VERSION_COLUMNS
                    + " FROM function_versions v WHERE v.function = ? AND v.version = ?")) {
                ps.setString(1, name);
                ps.setInt(2, version);
                return first(ps);
            }
        });
    }

    @Override
    public List<FunctionVersion> list() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(CURRENT + " ORDER BY f.name");
                    ResultSet rs = ps.executeQuery()) {
                List<FunctionVersion> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(version(rs));
                }
                return out;
            }
        });
    }

    @Override
    public boolean delete(String name) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM functions WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static Optional<FunctionVersion> queryOne(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            return first(ps);
        }
    }

    private static Optional<FunctionVersion> first(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(version(rs)) : Optional.empty();
        }
    }

    private static FunctionVersion version(ResultSet rs) throws SQLException {
        var spec = new FunctionSpec(
                rs.getString("function"),
                rs.getString("runtime"),
                rs.getString("handler"),
                rs.getString("code_sha256"),
                rs.getInt("memory_mb"),
                Columns.duration(rs, "timeout_ns"),
                Columns.concurrency(rs.getString("concurrency")),
                Columns.environment(rs.getString("environment")),
                rs.getInt("network") == 1,
                Columns.routes(rs.getString("routes")),
                Columns.async(rs.getString("async")),
                Optional.ofNullable(rs.getString("sample_event")));
        return new FunctionVersion(rs.getString("app"), rs.getInt("version"), spec, Columns.instant(rs, "created_at_ns"));
    }
}
