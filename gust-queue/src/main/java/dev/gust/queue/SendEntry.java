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
 * @param delay overrides the queue's delay, 0..15 min (standard queues only)
 * @param groupId the message group, required by FIFO queues and refused by standard ones
 * @param deduplicationId a FIFO message's deduplication id; without it a queue with content-based
 *     deduplication uses the body's SHA-256
 * @param traceparent the W3C trace context of the sender, carried to the consuming invocation
 * @param correlationId the sender's correlation id, carried to the consuming invocation
 */
public record SendEntry(String entryId, String body, Map<String, String> attributes, Optional<Duration> delay,
        Optional<String> groupId, Optional<String> deduplicationId, Optional<String> traceparent,
        Optional<String> correlationId) {

    public SendEntry {
        Objects.requireNonNull(entryId, "entryId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(deduplicationId, "deduplicationId");
        Objects.requireNonNull(traceparent, "traceparent");
        Objects.requireNonNull(correlationId, "correlationId");
    }

    /** A message to a standard queue, with no trace or correlation id of its own. */
    public SendEntry(String entryId, String body, Map<String, String> attributes, Optional<Duration> delay) {
        this(entryId, body, attributes, delay, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** @return this entry for a FIFO queue: in {@code group}, deduplicated by {@code deduplicationId} when present */
    public SendEntry inGroup(String group, Optional<String> deduplicationId) {
        return new SendEntry(entryId, body, attributes, delay, Optional.of(group), deduplicationId, traceparent,
                correlationId);
    }

    /** @return this entry carrying the sender's trace context and correlation id */
    public SendEntry tracedBy(String traceparent, String correlationId) {
        return new SendEntry(entryId, body, attributes, delay, groupId, deduplicationId, Optional.of(traceparent),
                Optional.of(correlationId));
    }

    /**
     * A message accepted by a queue.
     *
     * @param messageId its id; for a FIFO send deduplicated within 5 minutes, the first message's id
     * @param sequenceNumber its sequence number in a FIFO queue (increasing, not consecutive); empty for standard queues
     */
    public record Sent(String messageId, Optional<Long> sequenceNumber) {
        public Sent {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        }
    }

    /**
     * The result of one entry.
     *
     * @param entryId the entry's id
     * @param messageId the new message's id, when it was sent (the first message's, when deduplicated)
     * @param error why it was not, when it was not
     * @param sequenceNumber the message's sequence number, when it was sent to a FIFO queue
     */
    public record Result(String entryId, Optional<String> messageId, Optional<QueueException> error,
            Optional<Long> sequenceNumber) {
        public Result {
            Objects.requireNonNull(entryId, "entryId");
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        }

        /** A result without a sequence number. */
        public Result(String entryId, Optional<String> messageId, Optional<QueueException> error) {
            this(entryId, messageId, error, Optional.empty());
        }
    }
}
