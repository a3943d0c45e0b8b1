package dev.gust.testing;

import dev.gust.sdk.FunctionClient;
import dev.gust.sdk.GustCallException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A {@link FunctionClient} that answers from what the test configured and keeps every
 * invocation, for unit tests. A function the test gave no answer for does not exist
 * ({@code FunctionNotFound}), for sync and async calls alike. Inputs are kept as the handler
 * passed them; no JSON is involved, so a sync answer must already be of the type the handler asks
 * for (or a {@code String} of JSON text for {@link #invoke(String, Object)}). Invocation ids are
 * {@code invocation-1}, {@code invocation-2}, ...; an async call repeating an idempotency key gets
 * the first call's id and is not kept again. Thread-safe.
 *
 * <pre>{@code
 * TestContext context = TestContext.create();
 * context.functions().answer("price", input -> new Price(42));
 * context.functions().fail("stock", "TooManyRequests", "busy");
 * }</pre>
 */
public final class FakeFunctionClient implements FunctionClient {
    private final Map<String, Function<Object, Object>> answers = new ConcurrentHashMap<>();
    private final Map<String, String> keys = new ConcurrentHashMap<>();
    private final List<Invoked> invoked = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    /**
     * One invocation a handler made.
     *
     * @param function the callee
     * @param input the input as the handler passed it
     * @param async whether it was {@code invokeAsync}
     * @param idempotencyKey the key of an async call, when given
     * @param invocationId the id the call got
     */
    public record Invoked(String function, Object input, boolean async, Optional<String> idempotencyKey,
            String invocationId) {
    }

    /**
     * Makes {@code function} exist and answer sync calls with {@code answer(input)}.
     *
     * @return this client
     */
    public FakeFunctionClient answer(String function, Function<Object, Object> answer) {
        answers.put(function, answer);
        return this;
    }

    /** Makes {@code function} exist and answer every sync call with {@code output}. @return this client */
    public FakeFunctionClient answerWith(String function, Object output) {
        return answer(function, input -> output);
    }

    /** Makes sync calls of {@code function} fail as the platform would. @return this client */
    public FakeFunctionClient fail(String function, String errorType, String message) {
        return answer(function, input -> {
            throw new GustCallException(errorType, message);
        });
    }

    @Override
    public <T> T invoke(String function, Object input, Class<T> output) {
        Object value = call(function, input);
        if (value == null || output.isInstance(value)) {
            return output.cast(value);
        }
        throw new IllegalStateException("the test's answer for " + function + " is a " + value.getClass().getName()
                + " but the handler asked for " + output.getName() + "; configure an answer of that type");
    }

    /** @return the answer as it is when it is a {@code String} (JSON text), else its {@code toString()} */
    @Override
    public String invoke(String function, Object input) {
        return String.valueOf(call(function, input));
    }

    private Object call(String function, Object input) {
        Function<Object, Object> answer = existing(function);
        invoked.add(new Invoked(function, input, false, Optional.empty(), nextId()));
        return answer.apply(input);
    }

    @Override
    public String invokeAsync(String function, Object input) {
        existing(function);
        String id = nextId();
        invoked.add(new Invoked(function, input, true, Optional.empty(), id));
        return id;
    }

    @Override
    public String invokeAsync(String function, Object input, String idempotencyKey) {
        existing(function);
        String first = keys.computeIfAbsent(function + "\n" + idempotencyKey, k -> {
            String id = nextId();
            invoked.add(new Invoked(function, input, true, Optional.of(idempotencyKey), id));
            return id;
        });
        return first;
    }

    private Function<Object, Object> existing(String function) {
        Function<Object, Object> answer = function == null ? null : answers.get(function);
        if (answer == null) {
            throw new GustCallException(GustCallException.FUNCTION_NOT_FOUND, "no function named " + function
                    + " (give the fake an answer for it)");
        }
        return answer;
    }

    private String nextId() {
        return "invocation-" + ids.incrementAndGet();
    }

    /** @return every invocation so far, sync and async, in order; a snapshot */
    public List<Invoked> invoked() {
        return List.copyOf(invoked);
    }

    /** @return the invocations of {@code function}, in order */
    public List<Invoked> invoked(String function) {
        return invoked.stream().filter(i -> i.function().equals(function)).toList();
    }
}
