package dev.gust.sdk;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends messages to the node's queues from inside a function. Each message carries the calling
 * invocation's trace and correlation id, so the invocation that consumes it continues the same
 * chain; each send is recorded as child work of the calling invocation.
 *
 * <p>A send returns once the message is committed. Thread-safe: any thread the invocation started
 * may send, until the invocation returns; a send after that fails with
 * {@link GustCallException#INVOCATION_ENDED}.
 */
public interface QueueClient {

    /**
     * Sends a message with the queue's defaults.
     *
     * @param queue the queue's name, as declared in {@code gust.yaml}
     * @param body the message body, 1 byte to the queue's maximum size (256 KB by default)
     * @return the new message's id
     * @throws GustCallException {@link GustCallException#QUEUE_DOES_NOT_EXIST},
     *     {@link GustCallException#INVALID_REQUEST}, {@link GustCallException#PAYLOAD_TOO_LARGE}
     */
    default String send(String queue, String body) {
        return send(queue, Message.of(body));
    }

    /**
     * Sends a message with attributes, a delay, or the group and deduplication ids a FIFO queue needs.
     *
     * @param queue the queue's name
     * @param message the message
     * @return the new message's id
     * @throws GustCallException as {@link #send(String, String)}
     */
    String send(String queue, Message message);

    /**
     * One message to send. Build it with {@link #of(String)} and the {@code with...} methods.
     *
     * @param body the body, not empty
     * @param attributes user attributes, name to value
     * @param delay overrides the queue's delivery delay, 0..15 min (standard queues only)
     * @param groupId the message group: required by FIFO queues, refused by standard ones
     * @param deduplicationId a FIFO message's deduplication id
     */
    record Message(String body, Map<String, String> attributes, Optional<Duration> delay, Optional<String> groupId,
            Optional<String> deduplicationId) {
        public Message {
            Objects.requireNonNull(body, "body");
            attributes = Map.copyOf(attributes);
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(deduplicationId, "deduplicationId");
        }

        /** @return a message with only a body */
        public static Message of(String body) {
            return new Message(body, Map.of(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        /** @return this message with one more attribute (replacing one of the same name) */
        public Message withAttribute(String name, String value) {
            var more = new LinkedHashMap<>(attributes);
            more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return new Message(body, more, delay, groupId, deduplicationId);
        }

        /** @return this message delivered no sooner than {@code delay} after it is sent */
        public Message withDelay(Duration delay) {
            return new Message(body, attributes, Optional.of(delay), groupId, deduplicationId);
        }

        /** @return this message in the FIFO message group {@code groupId} */
        public Message withGroupId(String groupId) {
            return new Message(body, attributes, delay, Optional.of(groupId), deduplicationId);
        }

        /** @return this message with a FIFO deduplication id */
        public Message withDeduplicationId(String deduplicationId) {
            return new Message(body, attributes, delay, groupId, Optional.of(deduplicationId));
        }
    }
}
