package dev.gust.store;

import dev.gust.common.GustException;

/**
 * The root of the store module's exceptions: the database or the artifact directory could not do
 * what was asked. Messages of this type itself come from the storage layer and are not safe to show
 * to remote clients; see the leaf types for ones that are.
 */
public class GustStoreException extends GustException {

    /** @param message what failed, naming the resource */
    public GustStoreException(String message) {
        super(message, false);
    }

    /**
     * @param message what failed, naming the resource
     * @param cause the underlying failure
     */
    public GustStoreException(String message, Throwable cause) {
        super(message, false, cause);
    }

    GustStoreException(String message, boolean safe, Throwable cause) {
        super(message, safe, cause);
    }
}
