-- Schedules deployed with their apps, and every slot they fired.

CREATE TABLE schedules (
    name        TEXT    NOT NULL PRIMARY KEY,
    app         TEXT    NOT NULL,
    expression  TEXT    NOT NULL,
    zone        TEXT    NOT NULL,
    target_kind TEXT    NOT NULL CHECK (target_kind IN ('function', 'queue', 'bus')),
    target_name TEXT    NOT NULL,
    catch_up    TEXT    NOT NULL CHECK (catch_up IN ('none', 'latest', 'all')),
    input       TEXT,   -- JSON sent by each firing; NULL sends the slot
    created_ns  INTEGER NOT NULL
);

-- The unique slot id is what makes a slot fire once, whichever thread or node gets there first.
CREATE TABLE schedule_firings (
    slot_id       TEXT    NOT NULL PRIMARY KEY,
    schedule      TEXT    NOT NULL,
    at_ns         INTEGER NOT NULL,
    invocation_id TEXT    NOT NULL
);
CREATE INDEX schedule_firings_newest ON schedule_firings (schedule, at_ns);

-- A schedule's async invocations are recorded with trigger 'schedule'.
ALTER TABLE async_invocations ADD COLUMN trigger TEXT NOT NULL DEFAULT 'event';
