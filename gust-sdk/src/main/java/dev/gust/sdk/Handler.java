package dev.gust.sdk;

/**
 * A function: takes one input, returns one output.
 *
 * <p>The worker creates one instance of the implementing class per function instance (sandboxed
 * worker process), calls {@link #init(InitContext)} once, then {@link #handle(Object, Context)} for
 * every invocation routed to that instance. With {@code concurrency.per-instance} above 1,
 * {@code handle} is called from several threads at once and must be thread-safe.
 *
 * <p>Inputs and outputs are mapped with JSON: records, POJOs, {@code Map}, {@code List},
 * {@code String} and {@code byte[]} all work. For an HTTP route, declare the input as
 * {@link HttpRequestEvent} and return an {@link HttpResponse}, or return any other value to get a
 * {@code 200 application/json} response with that value as body.
 *
 * @param <I> the input type, read from the invocation's JSON payload
 * @param <O> the output type, written as the invocation's JSON result
 */
@FunctionalInterface
public interface Handler<I, O> {

    /**
     * Handles one invocation.
     *
     * @param input the decoded payload
     * @param context facts about this invocation and its function
     * @return the result; {@code null} becomes JSON {@code null}
     * @throws Exception any exception fails the invocation; its class name becomes the error type
     */
    O handle(I input, Context context) throws Exception;

    /**
     * Called once per instance before its first invocation; the place for expensive set-up
     * (connections, caches). An exception here fails the instance with an {@code InitError}.
     *
     * @param context the function's configuration
     * @throws Exception to fail initialisation
     */
    default void init(InitContext context) throws Exception {
    }
}
