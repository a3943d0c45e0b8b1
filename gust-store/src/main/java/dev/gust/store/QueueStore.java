package dev.gust.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable queues and their messages. Every method that returns has committed what it wrote.
 * Thread-safe.
 */
public interface QueueStore {
    /** How long a FIFO queue remembers a deduplication id after the first send with it, as in SQS. */
    Duration DEDUPLICATION_INTERVAL = Duration.ofMinutes(5);

    /** Creates the queue, or updates the attributes of an existing one (keeping its creation time). */
    void put(QueueConfig queue);

    /** @return the queue, when it exists */
    Optional<QueueConfig> get(String name);

    /** @return every queue, by name */
    List<QueueConfig> list();

    /** Deletes the queue and its messages. @return whether it existed */
    boolean delete(String name);

    /** Deletes every message of the queue. @return how many */
    int purge(String name);

    /**
     * Commits the messages to the queue, all or none, each with the next sequence number. A message
     * with a deduplication id already sent to this queue less than {@link #DEDUPLICATION_INTERVAL}
     * before its {@code sentAt} (including earlier in the same call) is not stored; its result names
     * the first message. Deduplication ids are committed with the messages.
     *
     * @return one result per message, in order
     */
    List<QueueMessage.Sent> send(String queue, List<QueueMessage.Outgoing> messages);

    /**
     * Drops messages past retention, moves messages received {@code maxReceiveCount} times to the
     * dead-letter queue, then takes up to {@code max} visible messages, counts a receive on each,
     * gives each a new receipt handle and hides it until {@code now + visibility}.
     *
     * <p>In a FIFO queue a message is taken only when no message of its group is in flight and no
     * earlier message of its group is still hidden (by a delay), and messages are taken in send order.
     *
     * @return the received messages, oldest first, with their receive counted
     */
    List<QueueMessage> receive(String queue, Instant now, Duration visibility, int max);

    /** Deletes the message whose latest receipt handle this is. @return whether there was one */
    boolean deleteMessage(String queue, String receiptHandle);

    /**
     * Deletes the messages whose latest receipt handles these are, in one transaction.
     *
     * @return per handle, in order, whether there was such a message
     */
    default List<Boolean> deleteMessages(String queue, List<String> receiptHandles) {
        return receiptHandles.stream().map(h -> deleteMessage(queue, h)).toList();
    }

    /**
     * Makes the message with this latest receipt handle visible again at {@code visibleAt}.
     *
     * @param lastError the error to keep with it (shown if it is dead-lettered), when known
     * @return whether there was such a message
     */
    boolean changeVisibility(String queue, String receiptHandle, Instant visibleAt, Optional<String> lastError);

    /** Moves every message of the dead-letter queue back to the queue it came from. @return how many */
    int redrive(String deadLetterQueue, Instant now);

    /**
     * @return the earliest time after {@code now} at which a hidden message of the queue becomes
     *     visible (a delay or a visibility timeout ending), when one is hidden
     */
    Optional<Instant> nextVisibleAt(String queue, Instant now);

    /** @return the queue's counts at {@code now} */
    QueueMessage.Counts counts(String queue, Instant now);
}
