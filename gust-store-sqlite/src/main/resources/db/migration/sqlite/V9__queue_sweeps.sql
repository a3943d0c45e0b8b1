-- Every receive first drops messages past retention and moves over-received ones to the
-- dead-letter queue. Without these indexes both statements walked every message of the queue
-- (about 1 ms per receive at 10,000 deep, all of it under the write lock).
CREATE INDEX queue_messages_sent ON queue_messages (queue, sent_ns);
CREATE INDEX queue_messages_receives ON queue_messages (queue, receive_count);
