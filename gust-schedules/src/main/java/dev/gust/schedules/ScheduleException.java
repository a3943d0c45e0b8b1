package dev.gust.schedules;

import dev.gust.common.GustException;

/** A schedule was defined with bad input; the message names the field and is safe to show. */
public final class ScheduleException extends GustException {
    public ScheduleException(String message) {
        super(message, true);
    }
}
