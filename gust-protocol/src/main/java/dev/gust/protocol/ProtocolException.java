package dev.gust.protocol;

/** A peer sent bytes that are not a valid frame; the channel that carried them is closed. */
public final class ProtocolException extends RuntimeException {
    public ProtocolException(String message) {
        super(message);
    }
}
