package dev.gust.queue;

import dev.gust.store.QueueConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a caller asks a queue to be; empty fields take their defaults.
 *
 * @param name 1..80 letters, digits, {@code -} or {@code _}; a FIFO queue's name ends in {@code .fifo}
 *     (at most 80 characters with it)
 * @param visibilityTimeout 0..12 h, default 30 s
 * @param delay 0..15 min, default 0
 * @param retention 60 s..14 d, default 4 d
 * @param maxMessageBytes 1..262144 (256 KB), the default
 * @param deadLetterQueue an existing other queue, set together with {@code maxReceiveCount}
 * @param maxReceiveCount 1..1000 receives before a message moves to the dead-letter queue
 * @param trigger a function consuming the queue: batch size 1..10, batching window 0..20 s,
 *     maximum concurrency 2..100
 * @param fifo when given, must say what the name says (true exactly for a {@code .fifo} name), as in SQS
 * @param contentBasedDeduplication FIFO queues only, default false: deduplicate a message sent
 *     without a deduplication id by its body's SHA-256
 */
public record QueueSettings(String name, Optional<Duration> visibilityTimeout, Optional<Duration> delay,
        Optional<Duration> retention, Optional<Integer> maxMessageBytes, Optional<String> deadLetterQueue,
        Optional<Integer> maxReceiveCount, Optional<QueueConfig.Trigger> trigger, Optional<Boolean> fifo,
        Optional<Boolean> contentBasedDeduplication) {

    public QueueSettings {
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(maxMessageBytes, "maxMessageBytes");
        Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
        Objects.requireNonNull(maxReceiveCount, "maxReceiveCount");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(fifo, "fifo");
        Objects.requireNonNull(contentBasedDeduplication, "contentBasedDeduplication");
    }

    /** Settings whose FIFO-ness follows the name, without content-based deduplication. */
    public QueueSettings(String name, Optional<Duration> visibilityTimeout, Optional<Duration> delay,
            Optional<Duration> retention, Optional<Integer> maxMessageBytes, Optional<String> deadLetterQueue,
            Optional<Integer> maxReceiveCount, Optional<QueueConfig.Trigger> trigger) {
        this(name, visibilityTimeout, delay, retention, maxMessageBytes, deadLetterQueue, maxReceiveCount, trigger,
                Optional.empty(), Optional.empty());
    }

    /** Settings of a queue no function consumes. */
    public QueueSettings(String name, Optional<Duration> visibilityTimeout, Optional<Duration> delay,
            Optional<Duration> retention, Optional<Integer> maxMessageBytes, Optional<String> deadLetterQueue,
            Optional<Integer> maxReceiveCount) {
        this(name, visibilityTimeout, delay, retention, maxMessageBytes, deadLetterQueue, maxReceiveCount,
                Optional.empty());
    }

    /** @return these settings with the given FIFO attributes */
    public QueueSettings withFifo(Optional<Boolean> fifo, Optional<Boolean> contentBasedDeduplication) {
        return new QueueSettings(name, visibilityTimeout, delay, retention, maxMessageBytes, deadLetterQueue,
                maxReceiveCount, trigger, fifo, contentBasedDeduplication);
    }

    /** @return these settings consumed by {@code trigger}, when present */
    public QueueSettings withTrigger(Optional<QueueConfig.Trigger> trigger) {
        return new QueueSettings(name, visibilityTimeout, delay, retention, maxMessageBytes, deadLetterQueue,
                maxReceiveCount, trigger, fifo, contentBasedDeduplication);
    }

    /** @return settings with every attribute at its default */
    public static QueueSettings named(String name) {
        return new QueueSettings(name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
