package dev.gust.testing;

import dev.gust.sdk.GustCallException;
import dev.gust.sdk.QueueClient;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link QueueClient} that keeps what a handler sends instead of sending it, for unit tests.
 * Every queue exists unless declared {@link #missing}; message ids are {@code message-1},
 * {@code message-2}, ... in send order. Thread-safe.
 */
public final class FakeQueueClient implements QueueClient {
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Set<String> missing = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();

    /**
     * One message a handler sent.
     *
     * @param queue the queue it named
     * @param message the message
     * @param messageId the id the send returned
     */
    public record Sent(String queue, Message message, String messageId) {
    }

    /**
     * @param queue a queue name
     * @return this client, on which sends to {@code queue} fail with {@code QueueDoesNotExist} from now on
     */
    public FakeQueueClient missing(String queue) {
        missing.add(queue);
        return this;
    }

    @Override
    public String send(String queue, Message message) {
        if (queue == null || queue.isEmpty()) {
            throw new GustCallException(GustCallException.INVALID_REQUEST, "queue: must be a non-empty string");
        }
        if (missing.contains(queue)) {
            throw new GustCallException(GustCallException.QUEUE_DOES_NOT_EXIST, "no queue named " + queue);
        }
        String id = "message-" + ids.incrementAndGet();
        sent.add(new Sent(queue, message, id));
        return id;
    }

    /** @return every message sent so far, in order; a snapshot */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** @return the bodies sent to {@code queue}, in order */
    public List<String> bodies(String queue) {
        return sent.stream().filter(s -> s.queue().equals(queue)).map(s -> s.message().body()).toList();
    }
}
