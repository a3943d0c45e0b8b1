-- Times are epoch nanoseconds and durations nanoseconds (INTEGER), so values round-trip exactly
-- and sort as numbers. Optional values are NULL.

CREATE TABLE functions (
    name            TEXT    NOT NULL PRIMARY KEY,
    app             TEXT    NOT NULL,
    current_version INTEGER NOT NULL CHECK (current_version >= 1),
    -- highest version ever published under this name: numbers are never reused while it exists
    last_version    INTEGER NOT NULL CHECK (last_version >= current_version)
);

CREATE TABLE function_versions (
    function      TEXT    NOT NULL REFERENCES functions (name) ON DELETE CASCADE,
    version       INTEGER NOT NULL CHECK (version >= 1),
    app           TEXT    NOT NULL,
    runtime       TEXT    NOT NULL,
    handler       TEXT    NOT NULL,
    code_sha256   TEXT    NOT NULL,
    memory_mb     INTEGER NOT NULL CHECK (memory_mb BETWEEN 128 AND 10240),
    timeout_ns    INTEGER NOT NULL CHECK (timeout_ns > 0),
    concurrency   TEXT    NOT NULL, -- JSON {"min":..,"max":..,"perInstance":..}
    environment   TEXT    NOT NULL, -- JSON object of strings
    network       INTEGER NOT NULL CHECK (network IN (0, 1)),
    routes        TEXT    NOT NULL, -- JSON array of strings, in declaration order
    created_at_ns INTEGER NOT NULL,
    PRIMARY KEY (function, version)
);

CREATE TABLE invocations (
    id               TEXT    NOT NULL PRIMARY KEY,
    function         TEXT    NOT NULL,
    version          INTEGER NOT NULL,
    trigger_type     TEXT    NOT NULL,
    start_ns         INTEGER NOT NULL,
    duration_ns      INTEGER NOT NULL,
    billed_ms        INTEGER NOT NULL,
    init_duration_ns INTEGER,
    memory_mb        INTEGER NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('SUCCESS', 'ERROR', 'TIMEOUT', 'THROTTLED')),
    error_type       TEXT,
    error_message    TEXT,
    instance_id      TEXT,
    trace_id         TEXT    NOT NULL,
    span_id          TEXT    NOT NULL,
    parent_span_id   TEXT,
    correlation_id   TEXT    NOT NULL
);
CREATE INDEX invocations_by_function_start ON invocations (function, start_ns);
CREATE INDEX invocations_by_status_start ON invocations (status, start_ns);
CREATE INDEX invocations_by_start ON invocations (start_ns);

CREATE TABLE log_lines (
    seq            INTEGER PRIMARY KEY, -- insertion order among lines of the same time
    time_ns        INTEGER NOT NULL,
    function       TEXT    NOT NULL,
    version        INTEGER NOT NULL,
    invocation_id  TEXT    NOT NULL, -- '' for output outside any invocation
    instance_id    TEXT    NOT NULL,
    stream         TEXT    NOT NULL,
    message        TEXT    NOT NULL,
    trace_id       TEXT    NOT NULL,
    correlation_id TEXT    NOT NULL
);
CREATE INDEX log_lines_by_function_time ON log_lines (function, time_ns, seq);
CREATE INDEX log_lines_by_invocation ON log_lines (invocation_id);
CREATE INDEX log_lines_by_time ON log_lines (time_ns);
