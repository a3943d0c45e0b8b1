package dev.gust.worker;

import dev.gust.sdk.Context;
import dev.gust.sdk.Handler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a handler spec into an {@link Entrypoint} in two steps, timed separately: {@link #plan}
 * loads the class and works out its kind (Gust {@code Handler}, {@code Function}, Lambda
 * {@code RequestHandler}, Lambda {@code RequestStreamHandler}, or a named method, detected in this
 * order), {@link #start} constructs it and runs its {@code init}. Used by one thread.
 */
final class HandlerLoader {
    private final FunctionClassLoader loader;
    private final FunctionContext function;
    private final JsonCodec json;
    private final LambdaBridge lambda;

    HandlerLoader(FunctionClassLoader loader, FunctionContext function, JsonCodec json) {
        this.loader = loader;
        this.function = function;
        this.json = json;
        this.lambda = new LambdaBridge(loader);
    }

    /** What kind of handler a class is. */
    enum Kind { GUST_HANDLER, FUNCTION, LAMBDA_REQUEST_HANDLER, LAMBDA_STREAM_HANDLER, METHOD }

    /**
     * A handler class whose kind is known, not yet constructed.
     *
     * @param spec the handler spec
     * @param type the class
     * @param kind its kind
     * @param method the method to call, for {@link Kind#METHOD} and the Lambda kinds
     * @param inputType what the payload is read as
     */
    record Plan(HandlerSpec spec, Class<?> type, Kind kind, Optional<Method> method, Type inputType) {
    }

    /**
     * @param spec the handler spec
     * @return how to run it
     * @throws InitException when the class is missing or is no handler
     */
    Plan plan(HandlerSpec spec) throws InitException {
        Class<?> type = load(spec.className());
        if (spec.method().isPresent()) {
            Method m = method(type, spec);
            return new Plan(spec, type, Kind.METHOD, Optional.of(m), inputType(m.getGenericParameterTypes()[0]));
        }
        if (Handler.class.isAssignableFrom(type)) {
            return new Plan(spec, type, Kind.GUST_HANDLER, Optional.empty(), TypeArguments.of(type, Handler.class, 0));
        }
        if (Function.class.isAssignableFrom(type)) {
            return new Plan(spec, type, Kind.FUNCTION, Optional.empty(), TypeArguments.of(type, Function.class, 0));
        }
        return lambdaPlan(spec, type).orElseThrow(() -> new InitException("handler class " + type.getName()
                + " implements none of dev.gust.sdk.Handler, java.util.function.Function, "
                + LambdaBridge.REQUEST_HANDLER + ", " + LambdaBridge.REQUEST_STREAM_HANDLER
                + "; implement one of them, or name a public method: " + type.getName() + "::method"));
    }

    private Optional<Plan> lambdaPlan(HandlerSpec spec, Class<?> type) throws InitException {
        Optional<Class<?>> context = lambda.find(LambdaBridge.CONTEXT);
        Optional<Class<?>> request = lambda.find(LambdaBridge.REQUEST_HANDLER).filter(i -> i.isAssignableFrom(type));
        if (context.isPresent() && request.isPresent()) {
            Method m = interfaceMethod(request.get(), Object.class, context.get());
            return Optional.of(new Plan(spec, type, Kind.LAMBDA_REQUEST_HANDLER, Optional.of(m),
                    TypeArguments.of(type, request.get(), 0)));
        }
        Optional<Class<?>> stream = lambda.find(LambdaBridge.REQUEST_STREAM_HANDLER).filter(i -> i.isAssignableFrom(type));
        if (context.isPresent() && stream.isPresent()) {
            Method m = interfaceMethod(stream.get(), InputStream.class, OutputStream.class, context.get());
            return Optional.of(new Plan(spec, type, Kind.LAMBDA_STREAM_HANDLER, Optional.of(m), byte[].class));
        }
        return Optional.empty();
    }

    private static Method interfaceMethod(Class<?> iface, Class<?>... parameters) throws InitException {
        try {
            return iface.getMethod("handleRequest", parameters);
        } catch (NoSuchMethodException e) {
            throw new InitException(iface.getName() + " in the function's jars has no handleRequest"
                    + Arrays.toString(parameters) + "; is aws-lambda-java-core too old?", e);
        }
    }

    private Class<?> load(String name) throws InitException {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new InitException("handler class " + name + " not found in " + loader.describe());
        } catch (LinkageError e) {
            throw new InitException("handler class " + name + " cannot be loaded: " + Failures.describe(e), e);
        }
    }

    /** Prefers {@code m(I, gust Context)}, then {@code m(I, Lambda Context)}, then {@code m(I)}. */
    private Method method(Class<?> type, HandlerSpec spec) throws InitException {
        String name = spec.method().orElseThrow();
        Optional<Class<?>> lambdaContext = lambda.find(LambdaBridge.CONTEXT);
        List<Method> candidates = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && !m.isBridge() && !m.isSynthetic())
                .filter(m -> shapeRank(m, lambdaContext) >= 0)
                .sorted(Comparator.comparingInt(m -> shapeRank(m, lambdaContext)))
                .toList();
        if (candidates.isEmpty()) {
            throw new InitException("handler method " + spec + " not found: expected a public method " + name
                    + "(input) or " + name + "(input, dev.gust.sdk.Context) on " + type.getName());
        }
        if (candidates.size() > 1 && shapeRank(candidates.get(0), lambdaContext) == shapeRank(candidates.get(1), lambdaContext)) {
            throw new InitException("handler method " + spec + " is ambiguous: " + candidates.get(0)
                    + " and " + candidates.get(1) + " both fit; give the overloads different names");
        }
        return candidates.get(0);
    }

    private static int shapeRank(Method m, Optional<Class<?>> lambdaContext) {
        Class<?>[] p = m.getParameterTypes();
        if (p.length == 2 && p[1] == Context.class) {
            return 0;
        }
        if (p.length == 2 && lambdaContext.filter(c -> c == p[1]).isPresent()) {
            return 1;
        }
        return p.length == 1 ? 2 : -1;
    }

    private static Type inputType(Type t) {
        return t instanceof TypeVariable<?> ? TypeArguments.substitute(t, Map.of()) : t;
    }

    /**
     * Constructs the handler (running its static initialiser) and calls {@code init} when it is a
     * Gust {@code Handler}.
     *
     * @param plan what {@link #plan} found
     * @return the handler, ready
     * @throws InitException when a constructor, static initialiser or {@code init} throws
     */
    Entrypoint start(Plan plan) throws InitException {
        Object target = plan.method().filter(m -> Modifier.isStatic(m.getModifiers())).isPresent()
                ? initialiseClass(plan) : construct(plan);
        if (target instanceof Handler<?, ?> h) {
            init(plan, h);
        }
        return switch (plan.kind()) {
            case GUST_HANDLER -> typed(plan, gustCall((Handler<?, ?>) target));
            case FUNCTION -> typed(plan, functionCall((Function<?, ?>) target));
            case LAMBDA_REQUEST_HANDLER -> typed(plan, lambdaCall(plan.method().orElseThrow(), target));
            case LAMBDA_STREAM_HANDLER -> new Entrypoint.Streaming(streamCall(plan.method().orElseThrow(), target), json);
            case METHOD -> typed(plan, methodCall(plan.method().orElseThrow(), target));
        };
    }

    private Entrypoint typed(Plan plan, Entrypoint.Call call) {
        return new Entrypoint.Typed(plan.inputType(), call, json);
    }

    private Object construct(Plan plan) throws InitException {
        Class<?> type = plan.type();
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new InitException("handler class " + type.getName() + " is abstract; name a concrete class");
        }
        try {
            Constructor<?> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (NoSuchMethodException e) {
            throw new InitException("handler class " + type.getName() + " has no constructor without parameters");
        } catch (InvocationTargetException e) {
            throw new InitException("handler " + plan.spec() + ": constructor threw " + Failures.describe(e.getCause()),
                    e.getCause());
        } catch (ExceptionInInitializerError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new InitException("handler " + plan.spec() + ": static initialiser threw " + Failures.describe(cause),
                    cause);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw new InitException("handler class " + type.getName() + " cannot be constructed: "
                    + Failures.describe(e), e);
        }
    }

    /** Runs the static initialiser now, so that its failure is an init error and not the first call's. */
    private static Object initialiseClass(Plan plan) throws InitException {
        try {
            Class.forName(plan.type().getName(), true, plan.type().getClassLoader());
            return null;
        } catch (ExceptionInInitializerError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new InitException("handler " + plan.spec() + ": static initialiser threw " + Failures.describe(cause),
                    cause);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InitException("handler class " + plan.type().getName() + " cannot be initialised: "
                    + Failures.describe(e), e);
        }
    }

    private void init(Plan plan, Handler<?, ?> handler) throws InitException {
        try {
            handler.init(function);
        } catch (Exception | LinkageError | AssertionError e) {
            throw new InitException("handler " + plan.spec() + ": init threw " + Failures.describe(e), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Entrypoint.Call gustCall(Handler<?, ?> handler) {
        var h = (Handler<Object, Object>) handler;
        return h::handle;
    }

    @SuppressWarnings("unchecked")
    private static Entrypoint.Call functionCall(Function<?, ?> function) {
        var f = (Function<Object, Object>) function;
        return (input, context) -> f.apply(input);
    }

    private static Entrypoint.Call lambdaCall(Method handleRequest, Object target) {
        Class<?> contextType = handleRequest.getParameterTypes()[1];
        return (input, context) -> Entrypoint.Call.reflect(handleRequest, target, input,
                LambdaBridge.context(contextType, context));
    }

    private static Entrypoint.Call streamCall(Method handleRequest, Object target) {
        Class<?> contextType = handleRequest.getParameterTypes()[2];
        return (input, context) -> {
            var out = new ByteArrayOutputStream();
            Entrypoint.Call.reflect(handleRequest, target, new ByteArrayInputStream((byte[]) input), out,
                    LambdaBridge.context(contextType, context));
            return out.toByteArray();
        };
    }

    private static Entrypoint.Call methodCall(Method method, Object target) {
        method.setAccessible(true);
        Class<?>[] p = method.getParameterTypes();
        if (p.length == 1) {
            return (input, context) -> Entrypoint.Call.reflect(method, target, input);
        }
        return p[1] == Context.class
                ? (input, context) -> Entrypoint.Call.reflect(method, target, input, context)
                : (input, context) -> Entrypoint.Call.reflect(method, target, input, LambdaBridge.context(p[1], context));
    }
}
