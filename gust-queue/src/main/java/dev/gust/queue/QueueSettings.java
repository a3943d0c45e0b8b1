package dev.gust.queue;

import dev.gust.store.QueueConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a caller asks a queue to be; empty fields take their defaults.
 *
 * @param name 1..80 letters, digits, {@code -} or {@code _}
 * @param visibilityTimeout 0..12 h, default 30 s
 * @param delay 0..15 min, default 0
 * @param retention 60 s..14 d, default 4 d
 * @param maxMessageBytes 1..262144 (256 KB), the default
 * @param deadLetterQueue an existing other queue, set together with {@code maxReceiveCount}
 * @param maxReceiveCount 1..1000 receives before a message moves to the dead-letter queue
 * @param trigger a function consuming the queue: batch size 1..10, batching window 0..20 s,
 *     maximum concurrency 2..100
 */
public record QueueSettings(String name, Optional<Duration> visibilityTimeout, Optional<Duration> delay,
        Optional<Duration> retention, Optional<Integer> maxMessageBytes, Optional<String> deadLetterQueue,
        Optional<Integer> maxReceiveCount, Optional<QueueConfig.Trigger> trigger) {

    public QueueSettings {
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(maxMessageBytes, "maxMessageBytes");
        Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
        Objects.requireNonNull(maxReceiveCount, "maxReceiveCount");
        Objects.requireNonNull(trigger, "trigger");
    }

    /** Settings of a queue no function consumes. */
    public QueueSettings(String name, Optional<Duration> visibilityTimeout, Optional<Duration> delay,
            Optional<Duration> retention, Optional<Integer> maxMessageBytes, Optional<String> deadLetterQueue,
            Optional<Integer> maxReceiveCount) {
        this(name, visibilityTimeout, delay, retention, maxMessageBytes, deadLetterQueue, maxReceiveCount,
                Optional.empty());
    }

    /** @return settings with every attribute at its default */
    public static QueueSettings named(String name) {
        return new QueueSettings(name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
