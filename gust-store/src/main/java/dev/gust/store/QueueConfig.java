package dev.gust.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A queue's name and attributes, as stored. Validation of ranges is the queue service's job.
 *
 * @param name unique queue name; one ending in {@code .fifo} is a FIFO queue
 * @param visibilityTimeout how long a received message stays hidden unless deleted
 * @param delay how long a sent message stays hidden before its first receive
 * @param retention how long a message is kept before it is dropped unread
 * @param maxMessageBytes the largest body accepted
 * @param redrive where messages go after too many receives, when set
 * @param createdAt when the queue was first created
 * @param trigger the function that consumes the queue, when one does
 * @param contentBasedDeduplication whether a FIFO queue deduplicates a message sent without a
 *     deduplication id by the SHA-256 of its body (always false for standard queues)
 */
public record QueueConfig(String name, Duration visibilityTimeout, Duration delay, Duration retention,
        int maxMessageBytes, Optional<Redrive> redrive, Instant createdAt, Optional<Trigger> trigger,
        boolean contentBasedDeduplication) {
    /** The suffix that makes a queue FIFO, as in SQS. */
    public static final String FIFO_SUFFIX = ".fifo";

    public QueueConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(redrive, "redrive");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(trigger, "trigger");
    }

    /** A standard queue, or a FIFO queue without content-based deduplication. */
    public QueueConfig(String name, Duration visibilityTimeout, Duration delay, Duration retention,
            int maxMessageBytes, Optional<Redrive> redrive, Instant createdAt, Optional<Trigger> trigger) {
        this(name, visibilityTimeout, delay, retention, maxMessageBytes, redrive, createdAt, trigger, false);
    }

    /** A queue no function consumes. */
    public QueueConfig(String name, Duration visibilityTimeout, Duration delay, Duration retention,
            int maxMessageBytes, Optional<Redrive> redrive, Instant createdAt) {
        this(name, visibilityTimeout, delay, retention, maxMessageBytes, redrive, createdAt, Optional.empty());
    }

    /** @return whether this is a FIFO queue: its name ends in {@code .fifo} */
    public boolean fifo() {
        return isFifo(name);
    }

    /** @return whether a queue of this name is a FIFO queue */
    public static boolean isFifo(String name) {
        return name.endsWith(FIFO_SUFFIX);
    }

    /**
     * A function consuming the queue.
     *
     * @param function the function invoked with each batch
     * @param batchSize most messages per invocation
     * @param batchingWindow how long to gather a fuller batch once a message is there
     * @param maxConcurrency most invocations running at once
     */
    public record Trigger(String function, int batchSize, Duration batchingWindow, int maxConcurrency) {
        public Trigger {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(batchingWindow, "batchingWindow");
        }
    }

    /**
     * A dead-letter policy.
     *
     * @param deadLetterQueue the queue that receives a message received more than {@code maxReceiveCount} times
     * @param maxReceiveCount receives allowed before the message moves
     */
    public record Redrive(String deadLetterQueue, int maxReceiveCount) {
        public Redrive {
            Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
        }
    }
}
