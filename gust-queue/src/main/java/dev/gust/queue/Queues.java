package dev.gust.queue;

import dev.gust.store.QueueMessage;
import dev.gust.store.QueueStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Standard and FIFO queues: at-least-once delivery, visibility timeouts, delays, retention,
 * dead-letter queues and long polling; FIFO queues ({@code .fifo} names) add message groups
 * received in send order and deduplication within {@link dev.gust.store.QueueStore#DEDUPLICATION_INTERVAL}.
 * Every method that returns has committed what it changed. Requests that fail validation throw a
 * {@link QueueException} and change nothing. Thread-safe.
 */
public interface Queues extends AutoCloseable {
    /** The largest message allowed and the default maximum: 256 KB. */
    int MAX_MESSAGE_BYTES = 262_144;
    /** The most messages one send batch, receive or delete batch handles. */
    int MAX_BATCH = 10;
    /** The longest a receive may wait for a message. */
    Duration MAX_WAIT = Duration.ofSeconds(20);
    /** The longest a waiting receive sleeps without looking at the store (real time). */
    Duration REPOLL = Duration.ofSeconds(1);

    /**
     * @param store where queues live
     * @param clock the time of sends, visibility and long-poll deadlines
     * @return the service; close it to release waiting receives
     */
    static Queues create(QueueStore store, InstantSource clock) {
        return new QueueService(store, clock);
    }

    /** Creates the queue, or updates its attributes when it exists. @return its info */
    QueueInfo put(QueueSettings settings);

    /** @return every queue with its counts */
    List<QueueInfo> list();

    /** @return the queue with its counts */
    QueueInfo get(String name);

    /** Deletes the queue and its messages; refused while another queue uses it as dead-letter queue. */
    void delete(String name);

    /** Deletes every message. @return how many */
    int purge(String name);

    /** Sends one message. @return its id (for a deduplicated FIFO send, the first message's id) */
    default String send(String queue, SendEntry entry) {
        return sendMessage(queue, entry).messageId();
    }

    /**
     * Sends one message. A FIFO queue requires a group id and a deduplication id (or content-based
     * deduplication) and refuses a per-message delay; a standard queue refuses both ids.
     *
     * @return its id and, in a FIFO queue, its sequence number
     */
    SendEntry.Sent sendMessage(String queue, SendEntry entry);

    /**
     * Sends up to {@link #MAX_BATCH} messages; each entry succeeds or fails on its own.
     *
     * @return one result per entry, in order
     */
    List<SendEntry.Result> sendBatch(String queue, List<SendEntry> entries);

    /**
     * Receives up to {@code max} messages, waiting up to {@code wait} for the first one when none is
     * visible. A send to the queue, a message made visible or the deadline wakes the waiting
     * receive; it re-checks the store at least every {@link #REPOLL} for messages whose delay or
     * visibility timeout ended. In a FIFO queue a group with a message in flight gives none.
     *
     * @param max 1..10
     * @param visibility overrides the queue's visibility timeout, 0..12 h
     * @param wait 0..20 s, measured on the service's clock
     * @throws InterruptedException when the waiting thread is interrupted
     */
    List<QueueMessage> receive(String queue, int max, Optional<Duration> visibility, Duration wait)
            throws InterruptedException;

    /** Deletes the received message; a stale or unknown handle is a {@link QueueException.Kind#NOT_FOUND}. */
    void deleteMessage(String queue, String receiptHandle);

    /** Deletes up to {@link #MAX_BATCH} received messages. @return per handle, the error when it failed */
    List<Optional<QueueException>> deleteBatch(String queue, List<String> receiptHandles);

    /** Makes a received message visible again after {@code timeout} (0..12 h) from now. */
    void changeVisibility(String queue, String receiptHandle, Duration timeout);

    /**
     * Makes a received message visible again after {@code timeout}, keeping {@code error} as the
     * reason shown if it ends up in the dead-letter queue.
     */
    void release(String queue, String receiptHandle, Duration timeout, String error);

    /** Moves every message of this dead-letter queue back to the queue it came from. @return how many */
    int redrive(String deadLetterQueue);

    /** Wakes every waiting receive, which returns what it has. */
    @Override
    void close();
}
