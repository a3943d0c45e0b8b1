package dev.gust.queue;

import dev.gust.store.QueueConfig;
import dev.gust.store.QueueMessage;
import java.time.Duration;

/**
 * A queue's attributes and its counts at one instant.
 *
 * @param config its attributes
 * @param counts visible, in flight and delayed messages, and the oldest send time
 * @param oldestAge how long the oldest kept message has waited ({@link Duration#ZERO} when empty)
 */
public record QueueInfo(QueueConfig config, QueueMessage.Counts counts, Duration oldestAge) {
}
