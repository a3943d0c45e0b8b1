-- Workflows: deployed definitions, executions, their history (the checkpoint), durable timers and
-- task tokens. An execution runs the revision it started with, so revisions are kept apart from
-- the names that point at them, content-addressed.

CREATE TABLE workflow_revisions (
    revision   TEXT NOT NULL PRIMARY KEY, -- sha-256 hex of the definition
    definition TEXT NOT NULL
);

CREATE TABLE workflows (
    name       TEXT    NOT NULL PRIMARY KEY,
    app        TEXT    NOT NULL,
    revision   TEXT    NOT NULL REFERENCES workflow_revisions (revision),
    created_ns INTEGER NOT NULL
);
CREATE INDEX workflows_by_app ON workflows (app);
CREATE INDEX workflows_by_revision ON workflows (revision);

CREATE TABLE workflow_executions (
    id             TEXT    NOT NULL PRIMARY KEY,
    workflow       TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    revision       TEXT    NOT NULL REFERENCES workflow_revisions (revision),
    input          TEXT    NOT NULL,
    status         TEXT    NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED')),
    output         TEXT,
    error          TEXT,
    cause          TEXT,
    started_ns     INTEGER NOT NULL,
    stopped_ns     INTEGER,
    traceparent    TEXT    NOT NULL,
    correlation_id TEXT    NOT NULL,
    parent_id      TEXT,
    -- the newest history event's seq: an append that expected another was beaten by another writer
    last_seq       INTEGER NOT NULL CHECK (last_seq >= 1),
    UNIQUE (workflow, name) -- what makes a start with a used name idempotent
);
CREATE INDEX workflow_executions_newest ON workflow_executions (started_ns, id);
CREATE INDEX workflow_executions_by_workflow ON workflow_executions (workflow, started_ns, id);
CREATE INDEX workflow_executions_by_status ON workflow_executions (status, started_ns, id);
CREATE INDEX workflow_executions_finished ON workflow_executions (stopped_ns) WHERE status <> 'RUNNING';
CREATE INDEX workflow_executions_by_revision ON workflow_executions (revision);
CREATE INDEX workflow_executions_running ON workflow_executions (id) WHERE status = 'RUNNING';

CREATE TABLE workflow_history (
    execution_id TEXT    NOT NULL REFERENCES workflow_executions (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    type         TEXT    NOT NULL,
    at_ns        INTEGER NOT NULL,
    state_name   TEXT,
    details      TEXT    NOT NULL,
    PRIMARY KEY (execution_id, seq)
) WITHOUT ROWID;

CREATE TABLE workflow_timers (
    id             TEXT    NOT NULL PRIMARY KEY,
    execution_id   TEXT    NOT NULL REFERENCES workflow_executions (id) ON DELETE CASCADE,
    due_ns         INTEGER NOT NULL,
    kind           TEXT    NOT NULL,
    payload        TEXT    NOT NULL,
    -- set while a node handles the firing; one that outlives it (the node died) fires again
    lease_until_ns INTEGER
);
CREATE INDEX workflow_timers_due ON workflow_timers (due_ns);
CREATE INDEX workflow_timers_by_execution ON workflow_timers (execution_id, due_ns);

CREATE TABLE workflow_task_tokens (
    token                 TEXT    NOT NULL PRIMARY KEY,
    execution_id          TEXT    NOT NULL REFERENCES workflow_executions (id) ON DELETE CASCADE,
    state_name            TEXT    NOT NULL,
    attempt               INTEGER NOT NULL CHECK (attempt >= 0),
    heartbeat_deadline_ns INTEGER,
    completed_ns          INTEGER, -- NULL while open; set once, by the first completion
    outcome               TEXT    CHECK (outcome IN ('SUCCESS', 'FAILURE')),
    output                TEXT,
    error                 TEXT,
    cause                 TEXT
);
CREATE INDEX workflow_task_tokens_by_execution ON workflow_task_tokens (execution_id);
CREATE INDEX workflow_task_tokens_heartbeat ON workflow_task_tokens (heartbeat_deadline_ns)
    WHERE completed_ns IS NULL;
