-- Queues and their messages.

CREATE TABLE queues (
    name               TEXT    NOT NULL PRIMARY KEY,
    visibility_ns      INTEGER NOT NULL,
    delay_ns           INTEGER NOT NULL,
    retention_ns       INTEGER NOT NULL,
    max_message_bytes  INTEGER NOT NULL,
    dead_letter_queue  TEXT,
    max_receive_count  INTEGER,
    created_ns         INTEGER NOT NULL,
    trigger            TEXT -- JSON {function, batchSize, batchingWindowNs, maxConcurrency} when a function consumes it
);

CREATE TABLE queue_messages (
    id             TEXT    NOT NULL PRIMARY KEY,
    queue          TEXT    NOT NULL REFERENCES queues (name) ON DELETE CASCADE,
    body           TEXT    NOT NULL,
    attributes     TEXT    NOT NULL, -- JSON object of strings
    sent_ns        INTEGER NOT NULL,
    seq            INTEGER NOT NULL, -- send order, so receives hand out the oldest first
    visible_ns     INTEGER NOT NULL,
    receive_count  INTEGER NOT NULL DEFAULT 0,
    -- the handle of the latest receive: older handles no longer delete or change the message
    receipt_handle TEXT,
    received       INTEGER NOT NULL DEFAULT 0, -- 1 while hidden by a receive, not by a delay
    source_queue   TEXT,
    last_error     TEXT
);
CREATE INDEX queue_messages_visible ON queue_messages (queue, visible_ns, seq);
CREATE UNIQUE INDEX queue_messages_receipt ON queue_messages (receipt_handle);
