-- What an invocation asked the platform to do while it ran (messages sent, events published,
-- functions invoked), shown with its record; and the index behind ?correlationId=.

CREATE TABLE child_work (
    seq           INTEGER PRIMARY KEY, -- recording order among the calls of one invocation
    invocation_id TEXT    NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('queue.send', 'events.publish', 'function.invoke',
                                                   'function.invokeAsync')),
    target        TEXT    NOT NULL,
    result_id     TEXT,
    at_ns         INTEGER NOT NULL,
    error_type    TEXT,
    error_message TEXT
);
CREATE INDEX child_work_by_invocation ON child_work (invocation_id, seq);

CREATE INDEX invocations_by_correlation_start ON invocations (correlation_id, start_ns);
