package dev.gust.common;

/**
 * The root of every module's unchecked exceptions. A message is either safe to show to a remote
 * client ({@link #isSafe()}) or meant only for the node's own log.
 */
public abstract class GustException extends RuntimeException {
    private final boolean safe;

    protected GustException(String message, boolean safe) {
        super(message);
        this.safe = safe;
    }

    protected GustException(String message, boolean safe, Throwable cause) {
        super(message, cause);
        this.safe = safe;
    }

    /** @return whether {@link #getMessage()} may be shown to a remote client as it is */
    public boolean isSafe() {
        return safe;
    }

    /** @return the message when safe, else a generic one */
    public String safeMessage() {
        return safe ? getMessage() : "internal error";
    }
}
