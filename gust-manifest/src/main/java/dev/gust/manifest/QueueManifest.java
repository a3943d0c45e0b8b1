package dev.gust.manifest;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A queue declared under {@code queues:}; absent attributes take the queue service's defaults.
 *
 * @param name the queue's name
 * @param visibilityTimeout {@code visibility-timeout}, 0s..12h
 * @param delay {@code delay}, 0s..15m
 * @param retention {@code retention}, 60s..14d
 * @param maxMessageBytes {@code max-message-bytes}, 1..262144
 * @param deadLetterQueue {@code dead-letter-queue}, another queue (declared here or existing)
 * @param maxReceiveCount {@code max-receive-count}, 1..1000, set together with the dead-letter queue
 */
public record QueueManifest(String name, Optional<Duration> visibilityTimeout, Optional<Duration> delay,
        Optional<Duration> retention, Optional<Integer> maxMessageBytes, Optional<String> deadLetterQueue,
        Optional<Integer> maxReceiveCount) {

    public QueueManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(maxMessageBytes, "maxMessageBytes");
        Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
        Objects.requireNonNull(maxReceiveCount, "maxReceiveCount");
    }
}
