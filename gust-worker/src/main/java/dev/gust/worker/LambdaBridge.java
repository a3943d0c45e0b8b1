package dev.gust.worker;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Runs unmodified AWS Lambda handlers without depending on {@code aws-lambda-java-core}: the
 * interfaces are looked up reflectively in the function's own jars, and its {@code Context} and
 * {@code LambdaLogger} are dynamic proxies over the Gust context. Thread-safe.
 */
final class LambdaBridge {
    static final String PACKAGE = "com.amazonaws.services.lambda.runtime.";
    static final String REQUEST_HANDLER = PACKAGE + "RequestHandler";
    static final String REQUEST_STREAM_HANDLER = PACKAGE + "RequestStreamHandler";
    static final String CONTEXT = PACKAGE + "Context";
    private final ClassLoader loader;

    LambdaBridge(ClassLoader loader) {
        this.loader = loader;
    }

    /** @return the named Lambda type when the function's code brings it */
    Optional<Class<?>> find(String name) {
        try {
            return Optional.of(Class.forName(name, false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    /**
     * @param contextType the Lambda {@code Context} interface as the function sees it
     * @param context the invocation's context
     * @return a Lambda context backed by it
     */
    static Object context(Class<?> contextType, InvocationContext context) {
        return proxy(contextType, (proxy, m, args) -> switch (m.getName()) {
            case "getAwsRequestId" -> context.invocationId();
            case "getFunctionName" -> context.functionName();
            case "getFunctionVersion" -> context.functionVersion();
            case "getInvokedFunctionArn" -> "arn:gust:function:" + context.functionName() + ":" + context.functionVersion();
            case "getLogGroupName" -> "/gust/functions/" + context.functionName();
            case "getLogStreamName" -> context.functionName() + "/" + context.functionVersion();
            case "getMemoryLimitInMB" -> context.memoryLimitMb();
            case "getRemainingTimeInMillis" -> (int) Math.min(Integer.MAX_VALUE, context.remainingTime().toMillis());
            case "getLogger" -> logger(m.getReturnType(), context);
            default -> fallback(proxy, m, args, "LambdaContext[" + context.invocationId() + "]");
        });
    }

    private static Object logger(Class<?> loggerType, InvocationContext context) {
        return proxy(loggerType, (proxy, m, args) -> {
            if (m.getName().equals("log") && args != null && args.length >= 1) {
                context.logger().log(args[0] instanceof byte[] b ? new String(b, StandardCharsets.UTF_8)
                        : String.valueOf(args[0]));
                return null;
            }
            return fallback(proxy, m, args, "LambdaLogger[" + context.invocationId() + "]");
        });
    }

    /** Object's methods, the interface's default methods, and empty answers for the rest. */
    private static Object fallback(Object proxy, Method m, Object[] args, String name) throws Throwable {
        return switch (m.getName()) {
            case "toString" -> name;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> m.isDefault() ? InvocationHandler.invokeDefault(proxy, m, args) : emptyValue(m.getReturnType());
        };
    }

    private static Object emptyValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class) {
            return type == int.class ? (Object) 0 : type == long.class ? (Object) 0L
                    : type == short.class ? (Object) (short) 0 : (Object) (byte) 0;
        }
        if (type == double.class || type == float.class) {
            return type == double.class ? (Object) 0.0 : (Object) 0.0f;
        }
        return type == char.class ? (Object) '\0' : null;
    }

    private static Object proxy(Class<?> type, InvocationHandler handler) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
