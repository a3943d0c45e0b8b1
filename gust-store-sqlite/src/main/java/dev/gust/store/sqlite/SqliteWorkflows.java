package dev.gust.store.sqlite;

import static dev.gust.store.sqlite.WorkflowRows.one;
import static dev.gust.store.sqlite.WorkflowRows.query;
import static dev.gust.store.sqlite.WorkflowRows.update;

import dev.gust.store.Execution;
import dev.gust.store.HistoryEvent;
import dev.gust.store.TaskToken;
import dev.gust.store.WorkflowDefinition;
import dev.gust.store.WorkflowStore;
import dev.gust.store.sqlite.WorkflowRows.Head;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Workflows in six tables, written straight through: each call is one write transaction, so a
 * checkpoint's events, timers, tokens and finish commit together or not at all. Thread-safe.
 */
final class SqliteWorkflows implements WorkflowStore {
    /** Executions deleted per transaction: each takes its history with it, so keep the write lock short. */
    static final int DELETE_BATCH = 200;
    private final Database db;

    SqliteWorkflows(Database db) {
        this.db = db;
    }

    @Override
    public void putAll(String app, List<WorkflowDefinition> workflows) {
        WorkflowChecks.putAll(app, workflows);
        db.write(c -> {
            refuseOtherAppsNames(c, app, workflows);
            Set<String> keep = workflows.stream().map(WorkflowDefinition::name).collect(Collectors.toSet());
            for (String name : query(c, "SELECT name FROM workflows WHERE app = ?", rs -> rs.getString(1), app)) {
                if (!keep.contains(name)) {
                    update(c, "DELETE FROM workflows WHERE name = ?", name);
                }
            }
            for (WorkflowDefinition d : workflows) {
                upsert(c, d);
            }
            return deleteUnusedRevisions(c);
        });
    }

    private static void refuseOtherAppsNames(Connection c, String app, List<WorkflowDefinition> workflows)
            throws SQLException {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < workflows.size(); i++) {
            String name = workflows.get(i).name();
            Optional<String> owner = one(c, "SELECT app FROM workflows WHERE name = ?", rs -> rs.getString(1), name);
            if (owner.isPresent() && !owner.get().equals(app)) {
                problems.add("workflows[" + i + "].name: " + name + " belongs to app " + owner.get()
                        + "; workflow names are unique on the node");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** A changed definition is a new revision with a new creation time; the same text keeps both. */
    private static void upsert(Connection c, WorkflowDefinition d) throws SQLException {
        String revision = d.revision();
        update(c, "INSERT INTO workflow_revisions (revision, definition) VALUES (?, ?) ON CONFLICT DO NOTHING",
                revision, d.definitionJson());
        update(c, "INSERT INTO workflows (name, app, revision, created_ns) VALUES (?, ?, ?, ?) ON CONFLICT (name)"
                + " DO UPDATE SET created_ns = CASE WHEN revision = excluded.revision THEN created_ns"
                + " ELSE excluded.created_ns END, revision = excluded.revision, app = excluded.app",
                d.name(), d.app(), revision, Columns.nanos(d.createdAt()));
    }

    private static int deleteUnusedRevisions(Connection c) throws SQLException {
        return update(c, "DELETE FROM workflow_revisions AS r"
                + " WHERE NOT EXISTS (SELECT 1 FROM workflows w WHERE w.revision = r.revision)"
                + " AND NOT EXISTS (SELECT 1 FROM workflow_executions e WHERE e.revision = r.revision)");
    }

    @Override
    public Optional<WorkflowDefinition> get(String name) {
        return db.read(c -> one(c, WorkflowRows.DEFINITION + " WHERE w.name = ?", WorkflowRows::definition, name));
    }

    @Override
    public List<WorkflowDefinition> list() {
        return db.read(c -> query(c, WorkflowRows.DEFINITION + " ORDER BY w.name", WorkflowRows::definition));
    }

    @Override
    public Optional<String> definition(String revision) {
        return db.read(c -> one(c, "SELECT definition FROM workflow_revisions WHERE revision = ?",
                rs -> rs.getString(1), revision));
    }

    @Override
    public Start start(StartRequest r) {
        WorkflowChecks.start(r);
        return db.write(c -> {
            Optional<Execution> used = one(c, "SELECT " + WorkflowRows.EXECUTION + " FROM workflow_executions"
                    + " WHERE workflow = ? AND name = ?", WorkflowRows::execution, r.workflow(), r.name());
            if (used.isPresent()) {
                return sameJson(used.get().input(), r.input())
                        ? new Start.Existing(used.get()) : new Start.NameConflict(used.get());
            }
            Optional<String> revision = one(c, "SELECT revision FROM workflows WHERE name = ?",
                    rs -> rs.getString(1), r.workflow());
            if (revision.isEmpty()) {
                return new Start.UnknownWorkflow(r.workflow());
            }
            return started(c, r, revision.get());
        });
    }

    private static Start started(Connection c, StartRequest r, String revision) throws SQLException {
        Execution e = new Execution(r.executionId(), r.workflow(), r.name(), revision, r.input(),
                Execution.Status.RUNNING, Optional.empty(), Optional.empty(), Optional.empty(), r.at(),
                Optional.empty(), r.traceparent(), r.correlationId(), r.parentExecutionId(), 1);
        WorkflowRows.insertExecution(c, e);
        WorkflowRows.insertEvents(c, e.id(), 1, List.of(new HistoryEvent.Draft(HistoryEvent.Type.EXECUTION_STARTED,
                r.at(), Optional.empty(), WorkflowRows.startDetails(r.name(), r.input()))));
        return new Start.Started(e);
    }

    private static boolean sameJson(String a, String b) {
        return a.equals(b) || WorkflowChecks.tree(a).equals(WorkflowChecks.tree(b));
    }

    @Override
    public Optional<Execution> execution(String executionId) {
        return db.read(c -> one(c, "SELECT " + WorkflowRows.EXECUTION + " FROM workflow_executions WHERE id = ?",
                WorkflowRows::execution, executionId));
    }

    @Override
    public List<Execution> executions(Query q) {
        WorkflowChecks.query(q);
        StringBuilder sql = new StringBuilder("SELECT " + WorkflowRows.EXECUTION + " FROM workflow_executions WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        q.workflow().ifPresent(w -> where(sql, args, " AND workflow = ?", w));
        q.status().ifPresent(s -> where(sql, args, " AND status = ?", s.name()));
        q.startedAfter().ifPresent(t -> where(sql, args, " AND started_ns > ?", Columns.clampedNanos(t)));
        q.startedBefore().ifPresent(t -> where(sql, args, " AND started_ns < ?", Columns.clampedNanos(t)));
        where(sql, args, " ORDER BY started_ns DESC, id DESC LIMIT ?", q.limit());
        return db.read(c -> query(c, sql.toString(), WorkflowRows::execution, args.toArray()));
    }

    private static void where(StringBuilder sql, List<Object> args, String clause, Object arg) {
        sql.append(clause);
        args.add(arg);
    }

    @Override
    public List<String> running(Optional<String> afterId, int limit) {
        WorkflowChecks.present("afterId", afterId);
        Checks.limit(limit);
        return db.read(c -> query(c, "SELECT id FROM workflow_executions WHERE status = 'RUNNING' AND id > ?"
                + " ORDER BY id LIMIT ?", rs -> rs.getString(1), afterId.orElse(""), limit));
    }

    @Override
    public boolean finish(String executionId, Execution.Finish finish) {
        WorkflowChecks.finish(executionId, finish);
        return db.write(c -> {
            Head head = WorkflowRows.requireHead(c, executionId);
            if (head.status().isFinal()) {
                return false;
            }
            WorkflowRows.finish(c, executionId, head.lastSeq() + 1, finish);
            return true;
        });
    }

    @Override
    public Append append(String executionId, long expectedNextSeq, Checkpoint checkpoint) {
        WorkflowChecks.append(executionId, expectedNextSeq, checkpoint);
        return db.write(c -> {
            Head head = WorkflowRows.requireHead(c, executionId);
            if (head.status().isFinal()) {
                return new Append.NotRunning(head.status());
            }
            if (head.lastSeq() + 1 != expectedNextSeq) {
                return new Append.Conflict(expectedNextSeq, head.lastSeq() + 1);
            }
            return new Append.Appended(write(c, executionId, expectedNextSeq, checkpoint));
        });
    }

    /** @return the next seq after everything written */
    private static long write(Connection c, String executionId, long seq, Checkpoint cp) throws SQLException {
        long next = WorkflowRows.insertEvents(c, executionId, seq, cp.events());
        WorkflowRows.deleteTimers(c, executionId, cp.removeTimers());
        WorkflowRows.upsertTimers(c, cp.addTimers());
        for (TaskToken.Issue t : cp.issueTokens()) {
            WorkflowRows.insertToken(c, executionId, t);
        }
        if (cp.finish().isPresent()) {
            WorkflowRows.finish(c, executionId, next, cp.finish().get());
            return next + 1;
        }
        update(c, "UPDATE workflow_executions SET last_seq = ? WHERE id = ?", next - 1, executionId);
        return next;
    }

    @Override
    public List<HistoryEvent> history(String executionId, long afterSeq, int limit) {
        WorkflowChecks.history(afterSeq, limit);
        return db.read(c -> query(c, "SELECT " + WorkflowRows.EVENT + " FROM workflow_history WHERE execution_id = ?"
                + " AND seq > ? ORDER BY seq LIMIT ?", WorkflowRows::event, executionId, afterSeq, limit));
    }

    @Override
    public List<Timer> leaseDue(Instant now, Duration lease, int limit) {
        WorkflowChecks.lease(now, lease, limit);
        long at = Columns.clampedNanos(now);
        long until = Columns.clampedNanos(now.plus(lease));
        return db.write(c -> {
            List<Timer> due = query(c, "SELECT " + WorkflowRows.TIMER + " FROM workflow_timers WHERE due_ns <= ?"
                    + " AND (lease_until_ns IS NULL OR lease_until_ns <= ?) ORDER BY due_ns, id LIMIT ?",
                    WorkflowRows::timer, at, at, limit);
            try (PreparedStatement ps = c.prepareStatement("UPDATE workflow_timers SET lease_until_ns = ? WHERE id = ?")) {
                for (Timer t : due) {
                    ps.setLong(1, until);
                    ps.setString(2, t.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return due;
        });
    }

    @Override
    public boolean delete(String timerId) {
        return db.write(c -> update(c, "DELETE FROM workflow_timers WHERE id = ?", timerId)) > 0;
    }

    @Override
    public List<Timer> timers(String executionId) {
        return db.read(c -> query(c, "SELECT " + WorkflowRows.TIMER + " FROM workflow_timers WHERE execution_id = ?"
                + " ORDER BY due_ns, id", WorkflowRows::timer, executionId));
    }

    @Override
    public void issueToken(String executionId, TaskToken.Issue issue) {
        WorkflowChecks.issue(executionId, issue);
        db.write(c -> {
            Head head = WorkflowRows.requireHead(c, executionId);
            if (head.status().isFinal()) {
                throw new IllegalArgumentException("executionId: " + executionId + " has finished ("
                        + head.status() + "); a token is issued only for a running execution");
            }
            WorkflowRows.insertToken(c, executionId, issue);
            return null;
        });
    }

    @Override
    public Optional<TaskToken> token(String token) {
        return db.read(c -> tokenIn(c, token));
    }

    private static Optional<TaskToken> tokenIn(Connection c, String token) throws SQLException {
        return one(c, "SELECT " + WorkflowRows.TOKEN + " FROM workflow_task_tokens WHERE token = ?",
                WorkflowRows::token, token);
    }

    @Override
    public TokenResult completeToken(String token, TaskToken.Outcome outcome, Instant at) {
        WorkflowChecks.completion(token, outcome, at);
        return db.write(c -> onOpenToken(c, token, t -> {
            complete(c, token, outcome, at);
            WorkflowRows.upsertTimers(c, List.of(new Timer(TOKEN_COMPLETED + "/" + token, t.executionId(), at,
                    TOKEN_COMPLETED, token)));
        }));
    }

    private static void complete(Connection c, String token, TaskToken.Outcome outcome, Instant at)
            throws SQLException {
        switch (outcome) {
            case TaskToken.Outcome.Success s -> update(c, "UPDATE workflow_task_tokens SET completed_ns = ?,"
                    + " outcome = 'SUCCESS', output = ? WHERE token = ?", Columns.nanos(at), s.output(), token);
            case TaskToken.Outcome.Failure f -> update(c, "UPDATE workflow_task_tokens SET completed_ns = ?,"
                    + " outcome = 'FAILURE', error = ?, cause = ? WHERE token = ?", Columns.nanos(at), f.error(),
                    f.cause(), token);
        }
    }

    @Override
    public TokenResult heartbeat(String token, Instant newDeadline) {
        WorkflowChecks.heartbeat(token, newDeadline);
        return db.write(c -> onOpenToken(c, token, t -> update(c, "UPDATE workflow_task_tokens SET"
                + " heartbeat_deadline_ns = ? WHERE token = ?", Columns.clampedNanos(newDeadline), token)));
    }

    /** What to do to an open token of a running execution. */
    @FunctionalInterface
    private interface TokenWork {
        void apply(TaskToken token) throws SQLException;
    }

    /** Finds the token, refuses a completed one or one whose execution finished, else applies {@code work}. */
    private static TokenResult onOpenToken(Connection c, String token, TokenWork work) throws SQLException {
        Optional<TaskToken> found = tokenIn(c, token);
        if (found.isEmpty()) {
            return new TokenResult.NotFound(token);
        }
        if (!found.get().isOpen()) {
            return new TokenResult.AlreadyCompleted(found.get());
        }
        Head head = WorkflowRows.requireHead(c, found.get().executionId());
        if (head.status().isFinal()) {
            return new TokenResult.ExecutionClosed(found.get(), head.status());
        }
        work.apply(found.get());
        return new TokenResult.Accepted(tokenIn(c, token).orElseThrow());
    }

    @Override
    public List<TaskToken> expiredTokens(Instant now, int limit) {
        WorkflowChecks.present("now", now);
        Checks.limit(limit);
        return db.read(c -> query(c, "SELECT t.token, t.execution_id, t.state_name, t.attempt,"
                + " t.heartbeat_deadline_ns, t.completed_ns, t.outcome, t.output, t.error, t.cause"
                + " FROM workflow_task_tokens t JOIN workflow_executions e ON e.id = t.execution_id"
                + " WHERE t.completed_ns IS NULL AND t.heartbeat_deadline_ns <= ? AND e.status = 'RUNNING'"
                + " ORDER BY t.heartbeat_deadline_ns, t.token LIMIT ?", WorkflowRows::token,
                Columns.clampedNanos(now), limit));
    }

    @Override
    public int deleteFinishedBefore(Instant cutoff) {
        WorkflowChecks.present("cutoff", cutoff);
        long before = Columns.clampedNanos(cutoff);
        int total = 0;
        int n;
        do {
            n = db.write(c -> update(c, "DELETE FROM workflow_executions WHERE id IN (SELECT id FROM"
                    + " workflow_executions WHERE status <> 'RUNNING' AND stopped_ns < ? LIMIT ?)", before, DELETE_BATCH));
            total += n;
        } while (n == DELETE_BATCH);
        db.write(SqliteWorkflows::deleteUnusedRevisions);
        return total;
    }

    /**
     * Ends every timer lease: called when the store opens. One node owns an SQLite file, so a lease
     * found then was held by a node that is gone; its timers fire again at once.
     *
     * @return how many leases were ended
     */
    int releaseLeases() {
        return db.write(c -> update(c, "UPDATE workflow_timers SET lease_until_ns = NULL WHERE lease_until_ns IS NOT NULL"));
    }
}
