package dev.gust.testing;

import dev.gust.common.GustException;
import dev.gust.sdk.Handler;
import java.util.List;
import java.util.Objects;

/**
 * Runs a {@link Handler} in the test's own thread, the way a function instance would: {@link
 * Handler#init} once, before the first invocation, then {@link Handler#handle} for each
 * {@link #invoke}.
 *
 * <pre>{@code
 * FunctionTester<Greeting, Reply> greeter = FunctionTester.of(new Greeter(),
 *         TestContext.builder().env("GREETING_PREFIX", "Hi").build());
 * Reply reply = greeter.invoke(new Greeting("Ada", "en"));
 * assertThat(greeter.logLines()).contains("greeting Ada in en");
 * }</pre>
 *
 * <p>What this does not do: map JSON (inputs and outputs are passed as objects, so use the types the
 * handler declares, or {@link HttpEvents#buildMap()} for a handler that takes a {@code Map}); run in
 * a sandbox; enforce the timeout or memory limit. Deploy to a node for those.
 *
 * <p>Like an instance, a tester whose {@code init} failed tries {@code init} again on the next
 * invocation. Not thread-safe for the first invocation; later ones may run concurrently when the
 * handler is thread-safe.
 *
 * @param <I> the handler's input type
 * @param <O> the handler's output type
 */
public final class FunctionTester<I, O> {
    private final Handler<I, O> handler;
    private final TestContext context;
    private volatile boolean initialised;

    private FunctionTester(Handler<I, O> handler, TestContext context) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * @param handler the function under test
     * @return a tester with a default {@link TestContext}
     */
    public static <I, O> FunctionTester<I, O> of(Handler<I, O> handler) {
        return new FunctionTester<>(handler, TestContext.create());
    }

    /**
     * @param handler the function under test
     * @param context given to {@code init} and to every invocation that does not bring its own
     * @return a tester
     */
    public static <I, O> FunctionTester<I, O> of(Handler<I, O> handler, TestContext context) {
        return new FunctionTester<>(handler, context);
    }

    /**
     * Invokes the handler with the tester's context, initialising it first if needed.
     *
     * @param input the input
     * @return what the handler returned
     * @throws InitFailedException when {@code init} throws (the platform's {@code InitError})
     * @throws Exception whatever the handler throws, unchanged
     */
    public O invoke(I input) throws Exception {
        return invoke(input, context);
    }

    /**
     * Invokes the handler with a context of its own, e.g. to give this invocation a different id or a
     * shorter remaining time. {@code init} still receives the tester's context.
     *
     * @param input the input
     * @param invocationContext the context of this invocation
     * @return what the handler returned
     * @throws InitFailedException when {@code init} throws
     * @throws Exception whatever the handler throws, unchanged
     */
    public O invoke(I input, TestContext invocationContext) throws Exception {
        initialise();
        return handler.handle(input, invocationContext);
    }

    /** @return the context given to {@code init} and to invocations without their own */
    public TestContext context() {
        return context;
    }

    /** @return the lines logged through the tester's context, in {@code init} and invocations */
    public List<String> logLines() {
        return context.logLines();
    }

    private synchronized void initialise() {
        if (initialised) {
            return;
        }
        try {
            handler.init(context);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new InitFailedException(handler.getClass().getName(), e);
        }
        initialised = true;
    }

    /** {@code init} threw; the cause is what it threw. The platform reports this as {@code InitError}. */
    public static final class InitFailedException extends GustException {
        InitFailedException(String handlerClass, Exception cause) {
            super("init of " + handlerClass + " failed: " + cause, true, cause);
        }
    }
}
