-- Workflows become targets: an async delivery or a schedule may start an execution, and a function's
-- context may start one (child work 'workflow.start'). SQLite cannot change a CHECK constraint, so the
-- three tables are rebuilt with their rows; nothing references them.

CREATE TABLE async_invocations_v11 (
    id                 TEXT    NOT NULL PRIMARY KEY,
    function           TEXT    NOT NULL,
    payload            TEXT    NOT NULL,
    traceparent        TEXT    NOT NULL,
    correlation_id     TEXT    NOT NULL,
    attempts           INTEGER NOT NULL CHECK (attempts >= 0),
    next_attempt_ns    INTEGER NOT NULL,
    -- set while an attempt runs; an attempt that outlives it (the node died) is made again
    lease_until_ns     INTEGER,
    created_ns         INTEGER NOT NULL,
    status             TEXT    NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED', 'EXPIRED')),
    last_error         TEXT,
    last_invocation_id TEXT,
    trigger            TEXT    NOT NULL DEFAULT 'event',
    target_kind        TEXT    NOT NULL DEFAULT 'function'
        CHECK (target_kind IN ('function', 'queue', 'bus', 'workflow')),
    target_group       TEXT
);
INSERT INTO async_invocations_v11 (id, function, payload, traceparent, correlation_id, attempts, next_attempt_ns,
        lease_until_ns, created_ns, status, last_error, last_invocation_id, trigger, target_kind, target_group)
    SELECT id, function, payload, traceparent, correlation_id, attempts, next_attempt_ns, lease_until_ns,
        created_ns, status, last_error, last_invocation_id, trigger, target_kind, target_group
    FROM async_invocations;
DROP TABLE async_invocations;
ALTER TABLE async_invocations_v11 RENAME TO async_invocations;
CREATE INDEX async_invocations_due ON async_invocations (status, next_attempt_ns);

CREATE TABLE schedules_v11 (
    name            TEXT    NOT NULL PRIMARY KEY,
    app             TEXT    NOT NULL,
    expression      TEXT    NOT NULL,
    zone            TEXT    NOT NULL,
    target_kind     TEXT    NOT NULL CHECK (target_kind IN ('function', 'queue', 'bus', 'workflow')),
    target_name     TEXT    NOT NULL,
    catch_up        TEXT    NOT NULL CHECK (catch_up IN ('none', 'latest', 'all')),
    input           TEXT,   -- JSON sent by each firing; NULL sends the slot
    created_ns      INTEGER NOT NULL,
    target_group    TEXT,
    bus_source      TEXT,
    bus_detail_type TEXT
);
INSERT INTO schedules_v11 (name, app, expression, zone, target_kind, target_name, catch_up, input, created_ns,
        target_group, bus_source, bus_detail_type)
    SELECT name, app, expression, zone, target_kind, target_name, catch_up, input, created_ns, target_group,
        bus_source, bus_detail_type
    FROM schedules;
DROP TABLE schedules;
ALTER TABLE schedules_v11 RENAME TO schedules;

CREATE TABLE child_work_v11 (
    seq           INTEGER PRIMARY KEY, -- recording order among the calls of one invocation
    invocation_id TEXT    NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('queue.send', 'events.publish', 'function.invoke',
                                                   'function.invokeAsync', 'workflow.start')),
    target        TEXT    NOT NULL,
    result_id     TEXT,
    at_ns         INTEGER NOT NULL,
    error_type    TEXT,
    error_message TEXT
);
INSERT INTO child_work_v11 (seq, invocation_id, kind, target, result_id, at_ns, error_type, error_message)
    SELECT seq, invocation_id, kind, target, result_id, at_ns, error_type, error_message FROM child_work;
DROP TABLE child_work;
ALTER TABLE child_work_v11 RENAME TO child_work;
CREATE INDEX child_work_by_invocation ON child_work (invocation_id, seq);
