package dev.gust.cli;

import dev.gust.common.GustException;

/** A command failed for a reason the user can act on; the message says what and what to do. */
final class CliException extends GustException {

    CliException(String message) {
        super(message, true);
    }

    CliException(String message, Throwable cause) {
        super(message, true, cause);
    }
}
