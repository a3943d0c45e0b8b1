package dev.gust.worker;

/** The handler cannot be loaded or initialised; the message names the handler and what went wrong. */
final class InitException extends Exception {
    InitException(String message, Throwable cause) {
        super(message, cause);
    }

    InitException(String message) {
        super(message);
    }
}
