package dev.gust.manifest;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A queue declared under {@code queues:}; absent attributes take the queue service's defaults.
 *
 * @param name the queue's name; one ending in {@code .fifo} is a FIFO queue
 * @param visibilityTimeout {@code visibility-timeout}, 0s..12h
 * @param delay {@code delay}, 0s..15m
 * @param retention {@code retention}, 60s..14d
 * @param maxMessageBytes {@code max-message-bytes}, 1..262144
 * @param deadLetterQueue {@code dead-letter-queue}, another queue (declared here or existing)
 * @param maxReceiveCount {@code max-receive-count}, 1..1000, set together with the dead-letter queue
 * @param trigger {@code trigger}, the function consuming the queue
 * @param contentBasedDeduplication {@code content-based-deduplication}, FIFO queues only (default false)
 */
public record QueueManifest(String name, Optional<Duration> visibilityTimeout, Optional<Duration> delay,
        Optional<Duration> retention, Optional<Integer> maxMessageBytes, Optional<String> deadLetterQueue,
        Optional<Integer> maxReceiveCount, Optional<Trigger> trigger, boolean contentBasedDeduplication) {

    public QueueManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(maxMessageBytes, "maxMessageBytes");
        Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
        Objects.requireNonNull(maxReceiveCount, "maxReceiveCount");
        Objects.requireNonNull(trigger, "trigger");
    }

    /** A queue without content-based deduplication. */
    public QueueManifest(String name, Optional<Duration> visibilityTimeout, Optional<Duration> delay,
            Optional<Duration> retention, Optional<Integer> maxMessageBytes, Optional<String> deadLetterQueue,
            Optional<Integer> maxReceiveCount, Optional<Trigger> trigger) {
        this(name, visibilityTimeout, delay, retention, maxMessageBytes, deadLetterQueue, maxReceiveCount, trigger,
                false);
    }

    /** @return whether this is a FIFO queue: its name ends in {@code .fifo} */
    public boolean fifo() {
        return name.endsWith(".fifo");
    }

    /**
     * {@code trigger}: a function invoked with batches of the queue's messages.
     *
     * @param function {@code function}, a function name
     * @param batchSize {@code batch-size}, 1..10 (default 10)
     * @param batchingWindow {@code batching-window}, 0s..20s (default 0s)
     * @param maxConcurrency {@code max-concurrency}, 2..100 (default 5)
     */
    public record Trigger(String function, int batchSize, Duration batchingWindow, int maxConcurrency) {
        public Trigger {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(batchingWindow, "batchingWindow");
        }
    }
}
