package dev.gust.sdk;

import java.util.Objects;
import java.util.Optional;

/**
 * Publishes events to the node's event bus from inside a function. An event becomes a CloudEvent
 * with a new id, {@code datacontenttype: application/json}, and the calling invocation's trace and
 * correlation id as its {@code traceparent} and {@code correlationid} extensions; the rules
 * deployed on the node route it as any published event. Each publish is recorded as child work
 * of the calling invocation.
 *
 * <p>A publish returns once the event is archived and its deliveries are committed. Thread-safe,
 * until the invocation returns (see {@link QueueClient}).
 */
public interface EventClient {

    /**
     * @param source the producer, a URI-reference such as {@code /orders}
     * @param type the kind of occurrence, e.g. {@code order.paid}
     * @param data serialised as JSON by the worker's mapper (records and POJOs by name; a
     *     {@link JsonText} as it is); {@code null} publishes an event without data
     * @return the event's id
     * @throws GustCallException {@link GustCallException#INVALID_REQUEST} (a missing or malformed
     *     attribute, named), {@link GustCallException#PAYLOAD_TOO_LARGE} (over 256 KB)
     */
    default String publish(String source, String type, Object data) {
        return publish(Event.of(source, type, data));
    }

    /**
     * @param event the event
     * @return the event's id
     * @throws GustCallException as {@link #publish(String, String, Object)}
     */
    String publish(Event event);

    /**
     * One event to publish.
     *
     * @param source the producer, a URI-reference
     * @param type the kind of occurrence
     * @param subject what the event is about within the source, when it says
     * @param data the payload, when there is one
     */
    record Event(String source, String type, Optional<String> subject, Optional<Object> data) {
        public Event {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(data, "data");
        }

        /** @return an event without a subject; {@code data} may be {@code null} for none */
        public static Event of(String source, String type, Object data) {
            return new Event(source, type, Optional.empty(), Optional.ofNullable(data));
        }

        /** @return this event with a subject */
        public Event withSubject(String subject) {
            return new Event(source, type, Optional.of(subject), data);
        }
    }
}
