package dev.gust.queue;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One message to send.
 *
 * @param entryId the caller's id for this entry in a batch (unique within it); any text for a single send
 * @param body the body, not empty
 * @param attributes user attributes
 * @param delay overrides the queue's delay, 0..15 min
 */
public record SendEntry(String entryId, String body, Map<String, String> attributes, Optional<Duration> delay) {

    public SendEntry {
        Objects.requireNonNull(entryId, "entryId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        Objects.requireNonNull(delay, "delay");
    }

    /**
     * The result of one entry.
     *
     * @param entryId the entry's id
     * @param messageId the new message's id, when it was sent
     * @param error why it was not, when it was not
     */
    public record Result(String entryId, Optional<String> messageId, Optional<QueueException> error) {
    }
}
