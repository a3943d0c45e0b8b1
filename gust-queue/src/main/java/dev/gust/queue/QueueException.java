package dev.gust.queue;

import dev.gust.common.GustException;

/** A queue request refused, with why; the message names the field and is safe to show. */
public final class QueueException extends GustException {
    private final Kind kind;

    /** What went wrong, which an HTTP layer maps to a status. */
    public enum Kind {
        /** a field is missing or out of range (400) */
        INVALID,
        /** the queue or receipt handle does not exist (404) */
        NOT_FOUND,
        /** a message is larger than the queue allows (413) */
        TOO_LARGE,
        /** the request contradicts the queue's state, e.g. deleting a queue still used as a dead-letter queue (409) */
        CONFLICT
    }

    QueueException(Kind kind, String message) {
        super(message, true);
        this.kind = kind;
    }

    /** @return what went wrong */
    public Kind kind() {
        return kind;
    }

    static QueueException invalid(String message) {
        return new QueueException(Kind.INVALID, message);
    }

    static QueueException unknownQueue(String name) {
        return new QueueException(Kind.NOT_FOUND, "no queue named " + name + "; see GET /v1/queues");
    }
}
