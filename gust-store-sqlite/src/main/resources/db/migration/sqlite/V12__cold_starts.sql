-- Where an invocation's cold start went (dev.gust.store.ColdStart). All NULL when the invocation found a
-- warm instance, all set otherwise. Durations in nanoseconds like every other duration here. Mode and
-- reason carry no CHECK: a new mode or reason would need the table rebuilt; the reader refuses unknown names.
ALTER TABLE invocations ADD COLUMN cold_mode          TEXT;
ALTER TABLE invocations ADD COLUMN cold_reason        TEXT;
ALTER TABLE invocations ADD COLUMN cold_queue_wait_ns INTEGER;
ALTER TABLE invocations ADD COLUMN cold_sandbox_ns    INTEGER;
ALTER TABLE invocations ADD COLUMN cold_jvm_ns        INTEGER;
ALTER TABLE invocations ADD COLUMN cold_hand_over_ns  INTEGER;
ALTER TABLE invocations ADD COLUMN cold_class_load_ns INTEGER;
ALTER TABLE invocations ADD COLUMN cold_init_ns       INTEGER;
