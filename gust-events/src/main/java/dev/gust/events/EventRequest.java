package dev.gust.events;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request that publishes events, as far as the codec cares: its headers and its body.
 *
 * @param headers header values by name; names are matched ignoring case, as HTTP does
 * @param body the request body, possibly empty
 */
public record EventRequest(Map<String, String> headers, byte[] body) {

    public EventRequest {
        var lower = new TreeMap<String, String>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        headers = java.util.Collections.unmodifiableMap(lower);
        body = body.clone();
    }

    /** @return a request with a Content-Type and a body */
    public static EventRequest of(String contentType, byte[] body) {
        return new EventRequest(Map.of("Content-Type", contentType), body);
    }

    /** @return the header's value, name matched ignoring case */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    int bodyLength() {
        return body.length;
    }

    byte[] bodyUnsafe() {
        return body;
    }
}
