-- FIFO queues (groups, deduplication, sequence numbers) and the sender's trace carried by messages.

ALTER TABLE queues ADD COLUMN content_based_dedup INTEGER NOT NULL DEFAULT 0;

ALTER TABLE queue_messages ADD COLUMN group_id TEXT;       -- FIFO queues only
ALTER TABLE queue_messages ADD COLUMN dedup_id TEXT;       -- FIFO queues only
ALTER TABLE queue_messages ADD COLUMN traceparent TEXT;
ALTER TABLE queue_messages ADD COLUMN correlation_id TEXT;
-- a FIFO receive asks, per group, whether an earlier or in-flight message holds it back
CREATE INDEX queue_messages_group ON queue_messages (queue, group_id, seq) WHERE group_id IS NOT NULL;

-- The deduplication ids a FIFO queue has seen, kept until they expire (5 minutes after the first
-- send), even when the message itself is gone.
CREATE TABLE queue_dedup (
    queue       TEXT    NOT NULL REFERENCES queues (name) ON DELETE CASCADE,
    dedup_id    TEXT    NOT NULL,
    message_id  TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    expires_ns  INTEGER NOT NULL,
    PRIMARY KEY (queue, dedup_id)
);

-- The last sequence number handed out, so numbers keep increasing across restarts even when
-- every message has been deleted.
CREATE TABLE queue_sequence (
    id    INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    last  INTEGER NOT NULL
);
INSERT INTO queue_sequence (id, last) SELECT 1, COALESCE(MAX(seq), 0) FROM queue_messages;
