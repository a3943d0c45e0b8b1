package dev.gust.events;

import dev.gust.common.GustException;

/** The root of the event bus's unchecked exceptions. */
public abstract sealed class EventsException extends GustException permits InvalidRulesException {

    EventsException(String message, boolean safe) {
        super(message, safe);
    }
}
