package dev.gust.gateway;

import dev.gust.runtime.Invoker;
import dev.gust.store.IdempotencyStore;
import java.time.InstantSource;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;

/**
 * User HTTP routes to invocations. A request matching a route becomes an API Gateway HTTP API
 * payload format 2.0 event for the route's function; the function's result becomes the response
 * (a 2.0 response object, or any other JSON as a {@code 200 application/json} body).
 *
 * <p>Every response carries {@code Gust-Cold-Start}, {@code traceparent} (this hop's span, a child
 * of the caller's when it sent a valid one) and {@code Gust-Correlation-Id} (the caller's when it
 * is 1 to 128 characters of {@code [A-Za-z0-9._:-]}, else a new one), and, when a function was
 * invoked, {@code Gust-Invocation-Id}. Errors are JSON: {@code {"error":{"type":..,"message":..}}}:
 * 404 {@code RouteNotFound}, 413 {@code PayloadTooLarge} (bodies over 6 MB, never invoked), and
 * the status of the invocation's {@link dev.gust.runtime.ErrorKind} when it fails.
 *
 * <p>Thread-safe. The handler blocks its request's thread for the invocation, so the server
 * should run it on virtual threads. {@link #replaceRoutes} may be called at any time; a request
 * uses the table that was current when it arrived.
 */
public interface Gateway {

    /** The largest request body a function can receive, as on AWS Lambda: 6 MB. */
    int MAX_BODY_BYTES = 6 * 1024 * 1024;

    /**
     * @param invoker runs the invocations
     * @param clock the time of events and invocation ids
     * @return a gateway with no routes
     */
    static Gateway create(Invoker invoker, InstantSource clock) {
        return new GatewayHandler(invoker, clock, Optional.empty());
    }

    /**
     * A gateway that honours {@code Idempotency-Key}: within 24 hours a repeated request with the
     * same key for the same function gets the first response instead of running again (409
     * {@code IdempotencyConflict} while the first still runs).
     *
     * @param invoker runs the invocations
     * @param clock the time of events, invocation ids and key windows
     * @param keys where keys and their responses are kept
     * @return a gateway with no routes
     */
    static Gateway create(Invoker invoker, InstantSource clock, IdempotencyStore keys) {
        return new GatewayHandler(invoker, clock, Optional.of(keys));
    }

    /** @return the Jetty handler serving the routes; one instance, for one server */
    Handler handler();

    /** @param table the routes from now on, replacing all others at once */
    void replaceRoutes(RouteTable table);

    /** @return the routes in use */
    RouteTable routes();
}
