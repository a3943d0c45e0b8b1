-- An async event is delivered to a function, a queue or the bus; rows before V7 were all functions.
ALTER TABLE async_invocations ADD COLUMN target_kind TEXT NOT NULL DEFAULT 'function'
    CHECK (target_kind IN ('function', 'queue', 'bus'));
-- The message group when the target is a FIFO queue.
ALTER TABLE async_invocations ADD COLUMN target_group TEXT;

-- How a schedule delivers to a queue (FIFO group) or the bus (CloudEvent source and type); NULL is the default.
ALTER TABLE schedules ADD COLUMN target_group TEXT;
ALTER TABLE schedules ADD COLUMN bus_source TEXT;
ALTER TABLE schedules ADD COLUMN bus_detail_type TEXT;
