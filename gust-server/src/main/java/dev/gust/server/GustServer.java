package dev.gust.server;

import dev.gust.runtime.SandboxInfo;

/**
 * A running node: gateway, admin API, runtime and store. Thread-safe.
 */
public interface GustServer extends AutoCloseable {

    /**
     * Opens the store (migrating it), creates the admin token on first start, starts the runtime
     * and both listeners.
     *
     * @param config the node's settings
     * @return the running node
     * @throws ServerStartException when a part cannot start (a port in use, an unusable data
     *     directory, a sandbox that was required but is missing); nothing is left running
     */
    static GustServer start(ServerConfig config) {
        try {
            return Node.start(config);
        } catch (ServerStartException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new ServerStartException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new ServerStartException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    /** @return the gateway's bound port */
    int httpPort();

    /** @return the admin API's bound port */
    int adminPort();

    /** @return the admin token (also in {@code <data>/admin-token}) */
    String adminToken();

    /** @return the sandbox instances run in */
    SandboxInfo sandbox();

    /** Blocks until the node has stopped. */
    void awaitStopped() throws InterruptedException;

    /** Drains (new requests get 503, running ones finish within the drain timeout) and stops. */
    @Override
    void close();
}
