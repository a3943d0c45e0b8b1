package dev.gust.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A message in a queue.
 *
 * @param id message id, unique across queues
 * @param queue the queue holding it now
 * @param body the body, as sent
 * @param attributes user attributes, as sent
 * @param sentAt when it was first sent (kept across dead-lettering and redrive)
 * @param receiveCount how many times it has been received
 * @param receiptHandle the handle of its latest receive; empty when never received
 * @param sourceQueue the queue it was dead-lettered from, when it was
 * @param lastError why it was dead-lettered or last failed, when known
 * @param fifo its group, deduplication id and sequence number, when it was sent to a FIFO queue
 * @param traceparent the W3C trace context of its sender, when known
 * @param correlationId its sender's correlation id, when known
 */
public record QueueMessage(String id, String queue, String body, Map<String, String> attributes, Instant sentAt,
        int receiveCount, Optional<String> receiptHandle, Optional<String> sourceQueue, Optional<String> lastError,
        Optional<Fifo> fifo, Optional<String> traceparent, Optional<String> correlationId) {

    public QueueMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(body, "body");
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(receiptHandle, "receiptHandle");
        Objects.requireNonNull(sourceQueue, "sourceQueue");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(fifo, "fifo");
        Objects.requireNonNull(traceparent, "traceparent");
        Objects.requireNonNull(correlationId, "correlationId");
    }

    /** A standard queue's message sent without trace or correlation. */
    public QueueMessage(String id, String queue, String body, Map<String, String> attributes, Instant sentAt,
            int receiveCount, Optional<String> receiptHandle, Optional<String> sourceQueue,
            Optional<String> lastError) {
        this(id, queue, body, attributes, sentAt, receiveCount, receiptHandle, sourceQueue, lastError,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * What a FIFO queue keeps with each message.
     *
     * @param groupId the message group: messages of one group are received in send order, one batch at a time
     * @param deduplicationId the id a repeated send within the deduplication interval is recognised by
     *     (the body's SHA-256 in hex for content-based deduplication)
     * @param sequenceNumber increases with each message sent to the queue; not consecutive
     */
    public record Fifo(String groupId, String deduplicationId, long sequenceNumber) {
        public Fifo {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(deduplicationId, "deduplicationId");
        }
    }

    /**
     * A message to send.
     *
     * @param id the id it will have
     * @param body its body
     * @param attributes its user attributes
     * @param sentAt when it was sent
     * @param visibleAt when it may first be received (sent plus any delay)
     * @param groupId its message group (FIFO queues only)
     * @param deduplicationId its deduplication id (FIFO queues only): a send with an id already sent
     *     to the queue within {@link QueueStore#DEDUPLICATION_INTERVAL} stores nothing
     * @param traceparent the sender's W3C trace context, when known
     * @param correlationId the sender's correlation id, when known
     */
    public record Outgoing(String id, String body, Map<String, String> attributes, Instant sentAt, Instant visibleAt,
            Optional<String> groupId, Optional<String> deduplicationId, Optional<String> traceparent,
            Optional<String> correlationId) {
        public Outgoing {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(body, "body");
            attributes = Map.copyOf(attributes);
            Objects.requireNonNull(sentAt, "sentAt");
            Objects.requireNonNull(visibleAt, "visibleAt");
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(deduplicationId, "deduplicationId");
            Objects.requireNonNull(traceparent, "traceparent");
            Objects.requireNonNull(correlationId, "correlationId");
            if (groupId.isPresent() != deduplicationId.isPresent()) {
                throw new IllegalArgumentException("a FIFO message has both a group and a deduplication id");
            }
        }

        /** A standard queue's message without trace or correlation. */
        public Outgoing(String id, String body, Map<String, String> attributes, Instant sentAt, Instant visibleAt) {
            this(id, body, attributes, sentAt, visibleAt, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
    }

    /**
     * What a send did with one outgoing message.
     *
     * @param messageId the message's id; for a duplicate, the id of the message first sent with its deduplication id
     * @param sequenceNumber the message's sequence number (the first message's for a duplicate)
     * @param duplicate whether it was a duplicate and nothing was stored
     */
    public record Sent(String messageId, long sequenceNumber, boolean duplicate) {
        public Sent {
            Objects.requireNonNull(messageId, "messageId");
        }
    }

    /**
     * A queue's counts at one instant.
     *
     * @param visible messages that a receive would return now
     * @param inFlight received and neither deleted nor visible again
     * @param delayed sent with a delay that has not passed yet
     * @param oldestSentAt the send time of the oldest message kept, when there is one
     */
    public record Counts(long visible, long inFlight, long delayed, Optional<Instant> oldestSentAt) {
    }
}
