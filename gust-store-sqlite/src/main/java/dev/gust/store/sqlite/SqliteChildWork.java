package dev.gust.store.sqlite;

import dev.gust.store.ChildWork;
import dev.gust.store.ChildWorkStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Child work, written behind with the invocation records and read after a flush. Thread-safe. */
final class SqliteChildWork implements ChildWorkStore {
    private static final String INSERT = "INSERT INTO child_work (invocation_id, kind, target, result_id, at_ns,"
            + " error_type, error_message) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT invocation_id, kind, target, result_id, at_ns, error_type,"
            + " error_message FROM child_work WHERE invocation_id = ? ORDER BY seq";

    private final Database db;
    private final WriteBehind writes;

    SqliteChildWork(Database db, WriteBehind writes) {
        this.db = db;
        this.writes = writes;
    }

    @Override
    public void record(ChildWork child) {
        Checks.child(child);
        writes.enqueue(child);
    }

    @Override
    public List<ChildWork> of(String invocationId) {
        writes.flush();
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                ps.setString(1, invocationId);
                return all(ps);
            }
        });
    }

    static void insert(Connection c, List<ChildWork> children) throws SQLException {
        if (children.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (ChildWork w : children) {
                ps.setString(1, w.invocationId());
                ps.setString(2, w.kind().label());
                ps.setString(3, w.target());
                Columns.setOptional(ps, 4, w.resultId());
                ps.setLong(5, Columns.nanos(w.at()));
                Columns.setOptional(ps, 6, w.errorType());
                Columns.setOptional(ps, 7, w.errorMessage());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static List<ChildWork> all(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<ChildWork> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new ChildWork(rs.getString("invocation_id"), kind(rs.getString("kind")),
                        rs.getString("target"), Columns.optionalString(rs, "result_id"),
                        Columns.instant(rs, "at_ns"), Columns.optionalString(rs, "error_type"),
                        Columns.optionalString(rs, "error_message")));
            }
            return out;
        }
    }

    private static ChildWork.Kind kind(String label) {
        Optional<ChildWork.Kind> kind = ChildWork.Kind.of(label);
        return kind.orElseThrow(() -> new IllegalStateException("child_work.kind: unknown kind " + label));
    }
}
