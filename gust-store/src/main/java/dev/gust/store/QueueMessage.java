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
 */
public record QueueMessage(String id, String queue, String body, Map<String, String> attributes, Instant sentAt,
        int receiveCount, Optional<String> receiptHandle, Optional<String> sourceQueue, Optional<String> lastError) {

    public QueueMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(body, "body");
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(receiptHandle, "receiptHandle");
        Objects.requireNonNull(sourceQueue, "sourceQueue");
        Objects.requireNonNull(lastError, "lastError");
    }

    /**
     * A message to send.
     *
     * @param id the id it will have
     * @param body its body
     * @param attributes its user attributes
     * @param sentAt when it was sent
     * @param visibleAt when it may first be received (sent plus any delay)
     */
    public record Outgoing(String id, String body, Map<String, String> attributes, Instant sentAt, Instant visibleAt) {
        public Outgoing {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(body, "body");
            attributes = Map.copyOf(attributes);
            Objects.requireNonNull(sentAt, "sentAt");
            Objects.requireNonNull(visibleAt, "visibleAt");
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
