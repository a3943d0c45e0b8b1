-- Async invocations, idempotency keys, and each function version's async settings.

ALTER TABLE function_versions ADD COLUMN async TEXT NOT NULL
    DEFAULT '{"maxRetries":2,"maxEventAgeNs":21600000000000}'; -- JSON, onSuccess/onFailure when set

CREATE TABLE async_invocations (
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
    last_invocation_id TEXT
);
CREATE INDEX async_invocations_due ON async_invocations (status, next_attempt_ns);

CREATE TABLE idempotency_keys (
    function      TEXT    NOT NULL,
    key           TEXT    NOT NULL,
    invocation_id TEXT    NOT NULL,
    expires_ns    INTEGER NOT NULL,
    status        INTEGER, -- NULL while the first request runs
    content_type  TEXT,
    body          BLOB,
    headers       TEXT,    -- JSON object of strings
    PRIMARY KEY (function, key)
);
CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_ns);
