package dev.gust.store.sqlite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.store.Execution;
import dev.gust.store.HistoryEvent;
import dev.gust.store.TaskToken;
import dev.gust.store.WorkflowDefinition;
import dev.gust.store.WorkflowStore.Timer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rows of the workflow tables: reading them, and the writes several calls share, in the caller's transaction. */
final class WorkflowRows {
    static final String EXECUTION = "id, workflow, name, revision, input, status, output, error, cause, started_ns,"
            + " stopped_ns, traceparent, correlation_id, parent_id, last_seq";
    static final String EVENT = "execution_id, seq, type, at_ns, state_name, details";
    static final String TIMER = "id, execution_id, due_ns, kind, payload";
    static final String TOKEN = "token, execution_id, state_name, attempt, heartbeat_deadline_ns, completed_ns,"
            + " outcome, output, error, cause";
    static final String DEFINITION = "SELECT w.name, w.app, r.definition, w.created_ns FROM workflows w"
            + " JOIN workflow_revisions r ON r.revision = w.revision";

    private WorkflowRows() {
    }

    /** Maps one row. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs a query with its arguments bound in order (null as SQL NULL). */
    static <T> List<T> query(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        }
    }

    static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        return query(c, sql, row, args).stream().findFirst();
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                ps.setNull(i + 1, Types.NULL);
            } else {
                ps.setObject(i + 1, args[i]);
            }
        }
    }

    /** The fields an append checks before it writes. */
    record Head(Execution.Status status, long lastSeq) {
    }

    static Optional<Head> head(Connection c, String executionId) throws SQLException {
        return one(c, "SELECT status, last_seq FROM workflow_executions WHERE id = ?",
                rs -> new Head(Execution.Status.valueOf(rs.getString(1)), rs.getLong(2)), executionId);
    }

    static Head requireHead(Connection c, String executionId) throws SQLException {
        return head(c, executionId).orElseThrow(() -> new IllegalArgumentException(
                "executionId: no execution " + executionId + " is stored"));
    }

    static void insertExecution(Connection c, Execution e) throws SQLException {
        update(c, "INSERT INTO workflow_executions (" + EXECUTION + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.id(), e.workflow(), e.name(), e.revision(), e.input(), e.status().name(), e.output().orElse(null),
                e.error().orElse(null), e.cause().orElse(null), Columns.nanos(e.startedAt()),
                e.stoppedAt().map(Columns::nanos).orElse(null), e.traceparent(), e.correlationId(),
                e.parentExecutionId().orElse(null), e.lastSeq());
    }

    /** @return the seq after the last event inserted */
    static long insertEvents(Connection c, String executionId, long firstSeq, List<HistoryEvent.Draft> events)
            throws SQLException {
        long seq = firstSeq;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO workflow_history (" + EVENT
                + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            for (HistoryEvent.Draft e : events) {
                ps.setString(1, executionId);
                ps.setLong(2, seq++);
                ps.setString(3, e.type().label());
                ps.setLong(4, Columns.nanos(e.at()));
                Columns.setOptional(ps, 5, e.stateName());
                ps.setString(6, e.details());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return seq;
    }

    /** Ends a running execution at {@code seq}: its row, its finish event, its timers. */
    static void finish(Connection c, String executionId, long seq, Execution.Finish f) throws SQLException {
        update(c, "UPDATE workflow_executions SET status = ?, output = ?, error = ?, cause = ?, stopped_ns = ?,"
                + " last_seq = ? WHERE id = ?", f.status().name(), f.output().orElse(null), f.error().orElse(null),
                f.cause().orElse(null), Columns.nanos(f.at()), seq, executionId);
        insertEvents(c, executionId, seq, List.of(new HistoryEvent.Draft(f.status().finishEvent(), f.at(),
                Optional.empty(), finishDetails(f))));
        update(c, "DELETE FROM workflow_timers WHERE execution_id = ?", executionId);
    }

    private static String finishDetails(Execution.Finish f) {
        ObjectNode details = WorkflowChecks.JSON.createObjectNode();
        f.output().ifPresent(o -> details.set("output", WorkflowChecks.tree(o)));
        f.error().ifPresent(e -> details.put("error", e));
        f.cause().ifPresent(cause -> details.put("cause", cause));
        return details.toString();
    }

    static String startDetails(String name, String input) {
        ObjectNode details = WorkflowChecks.JSON.createObjectNode().put("name", name);
        return details.set("input", WorkflowChecks.tree(input)).toString();
    }

    /** Adds timers, replacing any with the same id (and ending its lease). */
    static void upsertTimers(Connection c, List<Timer> timers) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO workflow_timers (" + TIMER
                + ") VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET execution_id = excluded.execution_id,"
                + " due_ns = excluded.due_ns, kind = excluded.kind, payload = excluded.payload, lease_until_ns = NULL")) {
            for (Timer t : timers) {
                ps.setString(1, t.id());
                ps.setString(2, t.executionId());
                ps.setLong(3, Columns.clampedNanos(t.dueAt()));
                ps.setString(4, t.kind());
                ps.setString(5, t.payload());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void deleteTimers(Connection c, String executionId, List<String> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM workflow_timers WHERE id = ? AND execution_id = ?")) {
            for (String id : ids) {
                ps.setString(1, id);
                ps.setString(2, executionId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void insertToken(Connection c, String executionId, TaskToken.Issue t) throws SQLException {
        int n = update(c, "INSERT INTO workflow_task_tokens (token, execution_id, state_name, attempt,"
                + " heartbeat_deadline_ns) VALUES (?, ?, ?, ?, ?) ON CONFLICT (token) DO NOTHING", t.token(),
                executionId, t.stateName(), t.attempt(), t.heartbeatDeadline().map(Columns::clampedNanos).orElse(null));
        if (n == 0) {
            throw new IllegalArgumentException("token: " + t.token() + " was already issued; a token is handed out once");
        }
    }

    static Execution execution(ResultSet rs) throws SQLException {
        return new Execution(rs.getString("id"), rs.getString("workflow"), rs.getString("name"),
                rs.getString("revision"), rs.getString("input"), Execution.Status.valueOf(rs.getString("status")),
                Columns.optionalString(rs, "output"), Columns.optionalString(rs, "error"),
                Columns.optionalString(rs, "cause"), Columns.instant(rs, "started_ns"),
                optionalInstant(rs, "stopped_ns"), rs.getString("traceparent"), rs.getString("correlation_id"),
                Columns.optionalString(rs, "parent_id"), rs.getLong("last_seq"));
    }

    static HistoryEvent event(ResultSet rs) throws SQLException {
        String label = rs.getString("type");
        HistoryEvent.Type type = HistoryEvent.Type.of(label).orElseThrow(() -> new IllegalStateException(
                "workflow_history holds an event type this version does not know: " + label));
        return new HistoryEvent(rs.getString("execution_id"), rs.getLong("seq"), type, Columns.instant(rs, "at_ns"),
                Columns.optionalString(rs, "state_name"), rs.getString("details"));
    }

    static Timer timer(ResultSet rs) throws SQLException {
        return new Timer(rs.getString("id"), rs.getString("execution_id"), Columns.instant(rs, "due_ns"),
                rs.getString("kind"), rs.getString("payload"));
    }

    static TaskToken token(ResultSet rs) throws SQLException {
        return new TaskToken(rs.getString("token"), rs.getString("execution_id"), rs.getString("state_name"),
                rs.getInt("attempt"), optionalInstant(rs, "heartbeat_deadline_ns"), optionalInstant(rs, "completed_ns"),
                outcome(rs));
    }

    private static Optional<TaskToken.Outcome> outcome(ResultSet rs) throws SQLException {
        String outcome = rs.getString("outcome");
        if (outcome == null) {
            return Optional.empty();
        }
        return Optional.of(outcome.equals("SUCCESS") ? new TaskToken.Outcome.Success(rs.getString("output"))
                : new TaskToken.Outcome.Failure(rs.getString("error"), rs.getString("cause")));
    }

    static WorkflowDefinition definition(ResultSet rs) throws SQLException {
        return new WorkflowDefinition(rs.getString("name"), rs.getString("app"), rs.getString("definition"),
                Columns.instant(rs, "created_ns"));
    }

    private static Optional<java.time.Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Columns.instant(v));
    }
}
