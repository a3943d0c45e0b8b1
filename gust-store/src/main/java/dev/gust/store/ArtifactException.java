package dev.gust.store;

/**
 * An artifact or archive was refused: too large, too many entries, a suspicious compression ratio,
 * an entry that would land outside its directory, or an unknown content address. The message
 * names the entry and the limit and is safe to show to the client that sent the archive.
 */
public final class ArtifactException extends GustStoreException {

    ArtifactException(String message) {
        super(message, true, null);
    }

    ArtifactException(String message, Throwable cause) {
        super(message, true, cause);
    }
}
