-- The event bus: the archive of accepted events, and each app's deployed rules.

CREATE TABLE event_archive (
    seq         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    id          TEXT    NOT NULL, -- the producer's id; (source, id) is not forced unique, as EventBridge
    source      TEXT    NOT NULL,
    type        TEXT    NOT NULL,
    received_ns INTEGER NOT NULL,
    event       TEXT    NOT NULL  -- application/cloudevents+json
);
CREATE INDEX event_archive_by_time ON event_archive (received_ns);

CREATE TABLE event_rules (
    app        TEXT NOT NULL,
    name       TEXT NOT NULL PRIMARY KEY,
    definition TEXT NOT NULL -- JSON: pattern, targets, inputTransformer
);

-- Signed POSTs to rules' webhook targets; DEAD ones are the dead letters.
CREATE TABLE webhook_deliveries (
    id             TEXT    NOT NULL PRIMARY KEY,
    rule           TEXT    NOT NULL,
    event_id       TEXT    NOT NULL,
    url            TEXT    NOT NULL,
    secret_ref     TEXT    NOT NULL,
    content_type   TEXT    NOT NULL,
    body           TEXT    NOT NULL,
    attempts       INTEGER NOT NULL CHECK (attempts >= 0),
    next_attempt_ns INTEGER NOT NULL,
    lease_until_ns INTEGER,
    created_ns     INTEGER NOT NULL,
    status         TEXT    NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
    last_error     TEXT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_ns);
