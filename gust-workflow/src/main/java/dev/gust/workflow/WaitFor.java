package dev.gust.workflow;

import java.time.OffsetDateTime;
import java.util.Objects;

/** What a Wait state waits for: exactly one of its four fields. */
public sealed interface WaitFor permits WaitFor.Seconds, WaitFor.Timestamp, WaitFor.SecondsPath,
        WaitFor.TimestampPath {

    /** @param seconds how long to wait, 0 or more */
    record Seconds(long seconds) implements WaitFor {
        public Seconds {
            if (seconds < 0) {
                throw new IllegalArgumentException("seconds must be >= 0, was " + seconds);
            }
        }
    }

    /** @param timestamp when to stop waiting (RFC 3339, e.g. {@code 2026-03-14T01:59:00Z}) */
    record Timestamp(OffsetDateTime timestamp) implements WaitFor {
        public Timestamp {
            Objects.requireNonNull(timestamp, "timestamp");
        }
    }

    /** @param path a Reference Path to the number of seconds in the state's input */
    record SecondsPath(String path) implements WaitFor {
        public SecondsPath {
            Objects.requireNonNull(path, "path");
        }
    }

    /** @param path a Reference Path to an RFC 3339 timestamp in the state's input */
    record TimestampPath(String path) implements WaitFor {
        public TimestampPath {
            Objects.requireNonNull(path, "path");
        }
    }
}
