package dev.gust.worker;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * A loaded, initialised handler, ready to run invocations. Thread-safe as far as the function's code
 * is (several invocations run at once when the function's per-instance concurrency is above 1).
 */
sealed interface Entrypoint permits Entrypoint.Typed, Entrypoint.Streaming {

    /**
     * Runs one invocation.
     *
     * @param payload the invocation's JSON input
     * @param context the invocation's context
     * @return the JSON output
     * @throws Throwable whatever the function threw, unwrapped from reflection
     */
    byte[] invoke(byte[] payload, InvocationContext context) throws Throwable;

    /** One call into the function's code. */
    @FunctionalInterface
    interface Call {
        Object apply(Object input, InvocationContext context) throws Throwable;

        /** @return a call of {@code method} on {@code target} with the given arguments, unwrapping reflection */
        static Object reflect(Method method, Object target, Object... args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /**
     * A handler whose input and output are mapped with JSON.
     *
     * @param inputType what the payload is read as
     * @param call the call into the function
     * @param json the mapping
     */
    record Typed(Type inputType, Call call, JsonCodec json) implements Entrypoint {
        @Override
        public byte[] invoke(byte[] payload, InvocationContext context) throws Throwable {
            return json.write(call.apply(json.read(payload, inputType), context));
        }
    }

    /**
     * A handler that reads the raw payload and writes raw output (Lambda's
     * {@code RequestStreamHandler}). Empty output becomes {@code null}; output that is not JSON
     * becomes a JSON string of its text, so the result is always JSON.
     *
     * @param call takes the payload bytes, returns the bytes written
     * @param json the mapping
     */
    record Streaming(Call call, JsonCodec json) implements Entrypoint {
        @Override
        public byte[] invoke(byte[] payload, InvocationContext context) throws Throwable {
            byte[] out = (byte[]) call.apply(payload, context);
            if (out.length == 0) {
                return json.write(null);
            }
            return json.isJson(out) ? out : json.write(new String(out, StandardCharsets.UTF_8));
        }
    }
}
