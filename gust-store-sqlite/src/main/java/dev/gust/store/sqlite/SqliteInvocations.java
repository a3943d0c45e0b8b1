package dev.gust.store.sqlite;

import dev.gust.store.ColdStart;
import dev.gust.store.InvocationRecord;
import dev.gust.store.InvocationStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Invocation records, written behind and read after a flush. Thread-safe. */
final class SqliteInvocations implements InvocationStore {
    private static final String COLUMNS = "id, function, version, trigger_type, start_ns, duration_ns, billed_ms,"
            + " init_duration_ns, memory_mb, status, error_type, error_message, instance_id, trace_id, span_id,"
            + " parent_span_id, correlation_id, cold_mode, cold_reason, cold_queue_wait_ns, cold_sandbox_ns,"
            + " cold_jvm_ns, cold_hand_over_ns, cold_class_load_ns, cold_init_ns";
    private static final String INSERT = "INSERT OR REPLACE INTO invocations (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int COLD_START_FIRST_COLUMN = 18;
    private static final String USAGE = "SELECT function, COUNT(*) AS requests, SUM(billed_ms) AS billed,"
            + " SUM(billed_ms / 1000.0 * memory_mb / 1024.0) AS gb_seconds,"
            + " SUM(CASE WHEN status = 'SUCCESS' THEN 0 ELSE 1 END) AS errors"
            + " FROM invocations WHERE start_ns >= ? AND start_ns < ? AND status <> 'THROTTLED'"
            + " GROUP BY function ORDER BY function";

    private final Database db;
    private final WriteBehind writes;

    SqliteInvocations(Database db, WriteBehind writes) {
        this.db = db;
        this.writes = writes;
    }

    @Override
    public void record(InvocationRecord record) {
        Checks.record(record);
        writes.enqueue(record);
    }

    @Override
    public Optional<InvocationRecord> get(String id) {
        writes.flush();
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM invocations WHERE id = ?")) {
                ps.setString(1, id);
                List<InvocationRecord> found = all(ps);
                return found.stream().findFirst();
            }
        });
    }

    @Override
    public List<InvocationRecord> find(Query query) {
        Checks.query(query);
        writes.flush();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM invocations WHERE 1 = 1");
        query.function().ifPresent(f -> sql.append(" AND function = ?"));
        query.status().ifPresent(s -> sql.append(" AND status = ?"));
        query.correlationId().ifPresent(s -> sql.append(" AND correlation_id = ?"));
        sql.append(" ORDER BY start_ns DESC, id DESC LIMIT ?");
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                if (query.function().isPresent()) {
                    ps.setString(i++, query.function().get());
                }
                if (query.status().isPresent()) {
                    ps.setString(i++, query.status().get().name());
                }
                if (query.correlationId().isPresent()) {
                    ps.setString(i++, query.correlationId().get());
                }
                ps.setInt(i, query.limit());
                return all(ps);
            }
        });
    }

    @Override
    public List<Usage> usage(Instant from, Instant to) {
        writes.flush();
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(USAGE)) {
                ps.setLong(1, Columns.clampedNanos(from));
                ps.setLong(2, Columns.clampedNanos(to));
                try (ResultSet rs = ps.executeQuery()) {
                    List<Usage> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Usage(rs.getString("function"), rs.getLong("requests"), rs.getLong("billed"),
                                rs.getDouble("gb_seconds"), rs.getLong("errors")));
                    }
                    return out;
                }
            }
        });
    }

    static void insert(Connection c, List<InvocationRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (InvocationRecord r : records) {
                bind(ps, r);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void bind(PreparedStatement ps, InvocationRecord r) throws SQLException {
        ps.setString(1, r.id());
        ps.setString(2, r.function());
        ps.setInt(3, r.version());
        ps.setString(4, r.trigger());
        ps.setLong(5, Columns.nanos(r.start()));
        ps.setLong(6, r.duration().toNanos());
        ps.setLong(7, r.billedMillis());
        Columns.setOptionalNanos(ps, 8, r.initDuration());
        ps.setInt(9, r.memoryMb());
        ps.setString(10, r.status().name());
        Columns.setOptional(ps, 11, r.errorType());
        Columns.setOptional(ps, 12, r.errorMessage());
        Columns.setOptional(ps, 13, r.instanceId());
        ps.setString(14, r.traceId());
        ps.setString(15, r.spanId());
        Columns.setOptional(ps, 16, r.parentSpanId());
        ps.setString(17, r.correlationId());
        bindColdStart(ps, r.coldStart());
    }

    private static void bindColdStart(PreparedStatement ps, Optional<ColdStart> c) throws SQLException {
        int i = COLD_START_FIRST_COLUMN;
        Columns.setOptional(ps, i++, c.map(s -> s.mode().name()));
        Columns.setOptional(ps, i++, c.map(s -> s.reason().name()));
        Columns.setOptionalNanos(ps, i++, c.map(ColdStart::queueWait));
        Columns.setOptionalNanos(ps, i++, c.map(ColdStart::sandbox));
        Columns.setOptionalNanos(ps, i++, c.map(ColdStart::jvm));
        Columns.setOptionalNanos(ps, i++, c.map(ColdStart::handOver));
        Columns.setOptionalNanos(ps, i++, c.map(ColdStart::classLoad));
        Columns.setOptionalNanos(ps, i, c.map(ColdStart::init));
    }

    private static List<InvocationRecord> all(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<InvocationRecord> out = new ArrayList<>();
            while (rs.next()) {
                out.add(record(rs));
            }
            return out;
        }
    }

    private static InvocationRecord record(ResultSet rs) throws SQLException {
        return new InvocationRecord(
                rs.getString("id"),
                rs.getString("function"),
                rs.getInt("version"),
                rs.getString("trigger_type"),
                Columns.instant(rs, "start_ns"),
                Columns.duration(rs, "duration_ns"),
                rs.getLong("billed_ms"),
                Columns.optionalDuration(rs, "init_duration_ns"),
                rs.getInt("memory_mb"),
                InvocationRecord.Status.valueOf(rs.getString("status")),
                Columns.optionalString(rs, "error_type"),
                Columns.optionalString(rs, "error_message"),
                Columns.optionalString(rs, "instance_id"),
                rs.getString("trace_id"),
                rs.getString("span_id"),
                Columns.optionalString(rs, "parent_span_id"),
                rs.getString("correlation_id"),
                coldStart(rs));
    }

    /** A row written before V12, or for a warm invocation, has no mode and so no cold start. */
    private static Optional<ColdStart> coldStart(ResultSet rs) throws SQLException {
        String mode = rs.getString("cold_mode");
        if (mode == null) {
            return Optional.empty();
        }
        return Optional.of(new ColdStart(ColdStart.Mode.valueOf(mode),
                ColdStart.Reason.valueOf(rs.getString("cold_reason")),
                Columns.duration(rs, "cold_queue_wait_ns"),
                Columns.duration(rs, "cold_sandbox_ns"),
                Columns.duration(rs, "cold_jvm_ns"),
                Columns.duration(rs, "cold_hand_over_ns"),
                Columns.duration(rs, "cold_class_load_ns"),
                Columns.duration(rs, "cold_init_ns")));
    }
}
