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
