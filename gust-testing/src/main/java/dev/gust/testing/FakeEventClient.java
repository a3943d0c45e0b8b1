package dev.gust.testing;

import dev.gust.sdk.EventClient;
import dev.gust.sdk.GustCallException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link EventClient} that keeps what a handler publishes instead of publishing it, for unit
 * tests. Data is kept as the handler passed it (not serialised); event ids are {@code event-1},
 * {@code event-2}, ... in publish order. Thread-safe.
 */
public final class FakeEventClient implements EventClient {
    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    /**
     * One event a handler published.
     *
     * @param event the event
     * @param eventId the id the publish returned
     */
    public record Published(Event event, String eventId) {
    }

    @Override
    public String publish(Event event) {
        if (event.source().isEmpty() || event.type().isEmpty()) {
            throw new GustCallException(GustCallException.INVALID_REQUEST, (event.source().isEmpty() ? "source" : "type")
                    + ": must be a non-empty string");
        }
        String id = "event-" + ids.incrementAndGet();
        published.add(new Published(event, id));
        return id;
    }

    /** @return every event published so far, in order; a snapshot */
    public List<Published> published() {
        return List.copyOf(published);
    }

    /** @return the events of one type, in order */
    public List<Event> ofType(String type) {
        return published.stream().map(Published::event).filter(e -> e.type().equals(type)).toList();
    }
}
