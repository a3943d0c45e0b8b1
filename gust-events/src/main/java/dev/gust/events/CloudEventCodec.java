package dev.gust.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Reads CloudEvents 1.0 from HTTP requests in binary, structured and batch mode, and writes them
 * back as structured JSON or as the JSON that rules are matched against.
 *
 * <p>The mode follows the Content-Type: {@code application/cloudevents+json} is structured,
 * {@code application/cloudevents-batch+json} is a batch, anything else is binary (attributes in
 * {@code ce-*} headers, values percent-decoded; Content-Type is {@code datacontenttype}).
 * Bad input never throws: it comes back as {@link ParseResult.Rejected} with every problem.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public interface CloudEventCodec {

    /** The largest event accepted, in bytes: 256 KB, as EventBridge. */
    int MAX_EVENT_BYTES = 256 * 1024;

    /** @return a codec that accepts events up to {@link #MAX_EVENT_BYTES} */
    static CloudEventCodec create() {
        return new JacksonCloudEventCodec(MAX_EVENT_BYTES);
    }

    /**
     * @param maxEventBytes the size limit of one event: the body in binary mode, the event's JSON
     *     in structured and batch mode
     * @return a codec with that limit
     */
    static CloudEventCodec create(int maxEventBytes) {
        if (maxEventBytes < 1) {
            throw new IllegalArgumentException("maxEventBytes must be at least 1, was " + maxEventBytes);
        }
        return new JacksonCloudEventCodec(maxEventBytes);
    }

    /** @return the request's events, or every problem with them; never throws for bad input */
    ParseResult parse(EventRequest request);

    /** @return every problem of an event built by hand; empty when it is valid */
    List<Problem> check(CloudEvent event);

    /** @return the event as {@code application/cloudevents+json}, UTF-8 */
    byte[] toStructuredJson(CloudEvent event);

    /**
     * The event as rules see it: the attributes and extensions as top-level fields, {@code data}
     * as JSON when the content type is JSON (or absent), as a string for text, and left out when
     * it is binary.
     *
     * @return a fresh tree the caller may change
     */
    JsonNode toRulerJson(CloudEvent event);
}
