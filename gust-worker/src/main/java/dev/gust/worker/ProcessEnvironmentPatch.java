package dev.gust.worker;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Replaces the environment of this process, once, when a stem cell becomes a function's instance,
 * so that the function sees exactly what a worker started for it would have seen:
 *
 * <ul>
 *   <li>{@code System.getenv()} and {@code System.getenv(name)}: the JDK keeps them in
 *       {@code java.lang.ProcessEnvironment}, read once at start. Its unmodifiable map wraps a
 *       mutable string view over the map of record; the view is reached with
 *       {@code sun.misc.Unsafe} (static field base and offset, then the wrapper's {@code m} field),
 *       which needs no {@code --add-opens}, and is cleared and refilled.
 *   <li>The C library's {@code environ}, through the foreign function API ({@code clearenv} then
 *       {@code setenv} for each variable): a {@code ProcessBuilder} whose environment the function
 *       does not touch hands {@code environ}, not the JDK's map, to the child, and native code calls
 *       {@code getenv(3)}.
 * </ul>
 *
 * <p>The one difference that remains: what was read from the environment before the patch, at the
 * JVM's own start ({@code JAVA_TOOL_OPTIONS}, the locale from {@code LANG}/{@code LC_*}, the dynamic
 * loader's {@code LD_*}) or by native code that copied a value. {@link StemCell} refuses a function
 * whose values of those differ from the stem cell's.
 *
 * <p>JVM flags: on JDK 23 and later {@code --sun-misc-unsafe-memory-access=allow}, or reading the
 * JDK's map prints a warning. Binding the C library prints the JVM's restricted-method warning on
 * JDK 22 and later: once, in {@link #prepare}, before the stem cell's Hello, so into the node's log
 * and never a function's (the native-access options that would silence it cost the JVM its archived
 * module graph). Not thread-safe: called once, by the worker's main thread, before any function
 * code runs (the C library's environment is not safe to change while other threads read it).
 * {@link #prepare} runs before the stem cell's {@code Hello}, so that {@code Specialize} does not
 * wait for the binding.
 */
final class ProcessEnvironmentPatch implements Worker.EnvironmentPatch {
    private Map<String, String> javaView;
    private Libc libc;
    private PatchException unusable;

    private ProcessEnvironmentPatch() {
    }

    /** @return a patch of this process's environment, not bound yet */
    static ProcessEnvironmentPatch create() {
        return new ProcessEnvironmentPatch();
    }

    /** Reaches the JDK's map and binds the C library (some 100 ms), changing nothing; a failure is kept for {@link #replace}. */
    @Override
    public void prepare() {
        if (javaView != null || unusable != null) {
            return;
        }
        try {
            Map<String, String> view = javaView();
            Libc bound = Libc.bind();
            // a call that changes nothing, so that the first real one does not pay for linking the call path
            Optional<Map.Entry<String, String>> any = view.entrySet().stream().findFirst();
            if (any.isPresent()) {
                bound.keep(any.get().getKey(), any.get().getValue());
            }
            libc = bound;
            javaView = view;
        } catch (PatchException e) {
            unusable = e;
        }
    }

    /**
     * @param environment the whole new environment
     * @throws PatchException naming what could not be done; when the JDK's map or the C library
     *     could not be reached, nothing has changed
     */
    @Override
    public void replace(Map<String, String> environment) throws PatchException {
        prepare();
        if (unusable != null) {
            throw unusable;
        }
        libc.replace(environment);
        javaView.clear();
        javaView.putAll(environment);
        if (!System.getenv().equals(environment)) {
            throw new PatchException("System.getenv() does not show the new environment after the patch");
        }
    }

    /** @return the mutable view behind {@code System.getenv()} */
    @SuppressWarnings("unchecked")
    private static Map<String, String> javaView() throws PatchException {
        try {
            Field unsafeField = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            unsafeField.setAccessible(true);
            var unsafe = (sun.misc.Unsafe) unsafeField.get(null);
            Field unmodifiable = Class.forName("java.lang.ProcessEnvironment").getDeclaredField("theUnmodifiableEnvironment");
            Object wrapper = readStatic(unsafe, unmodifiable);
            if (wrapper != System.getenv()) {
                throw new PatchException("java.lang.ProcessEnvironment.theUnmodifiableEnvironment is not what System.getenv() returns");
            }
            Field m = Class.forName("java.util.Collections$UnmodifiableMap").getDeclaredField("m");
            return (Map<String, String>) unsafe.getObject(wrapper, unsafe.objectFieldOffset(m));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new PatchException("cannot reach the JDK's copy of the environment: " + e, e);
        }
    }

    @SuppressWarnings("removal")
    private static Object readStatic(sun.misc.Unsafe unsafe, Field field) {
        return unsafe.getObject(unsafe.staticFieldBase(field), unsafe.staticFieldOffset(field));
    }

    /**
     * {@code clearenv} and {@code setenv} of the C library, bound through {@code java.lang.foreign}
     * by reflection: the module is compiled for Java 21, where that API is still a preview.
     */
    private record Libc(MethodHandle clearenv, MethodHandle setenv, Method ofConfined, Method allocate,
            Method copy, Object javaByte) {

        static Libc bind() throws PatchException {
            try {
                Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
                Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
                Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
                Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
                Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
                Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
                Object linker = linkerType.getMethod("nativeLinker").invoke(null);
                Object lookup = linkerType.getMethod("defaultLookup").invoke(linker);
                Method find = Class.forName("java.lang.foreign.SymbolLookup").getMethod("find", String.class);
                Object javaInt = valueLayout.getField("JAVA_INT").get(null);
                Object address = valueLayout.getField("ADDRESS").get(null);
                Method downcall = linkerType.getMethod("downcallHandle", segmentType, descriptorType, optionType.arrayType());
                Method describe = descriptorType.getMethod("of", layoutType, layoutType.arrayType());
                Object noOptions = Array.newInstance(optionType, 0);
                Object clearDescriptor = describe.invoke(null, javaInt, layouts(layoutType));
                Object setDescriptor = describe.invoke(null, javaInt, layouts(layoutType, address, address, javaInt));
                var clearenv = (MethodHandle) downcall.invoke(linker, symbol(find, lookup, "clearenv"), clearDescriptor, noOptions);
                var setenv = (MethodHandle) downcall.invoke(linker, symbol(find, lookup, "setenv"), setDescriptor, noOptions);
                return new Libc(clearenv, setenv, Class.forName("java.lang.foreign.Arena").getMethod("ofConfined"),
                        Class.forName("java.lang.foreign.SegmentAllocator").getMethod("allocate", long.class),
                        segmentType.getMethod("copy", Object.class, int.class, segmentType, valueLayout, long.class, int.class),
                        valueLayout.getField("JAVA_BYTE").get(null));
            } catch (InvocationTargetException e) {
                throw new PatchException("cannot bind clearenv/setenv of the C library: " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                throw new PatchException("cannot bind clearenv/setenv of the C library (java.lang.foreign): " + e, e);
            }
        }

        private static Object layouts(Class<?> layoutType, Object... layouts) {
            Object array = Array.newInstance(layoutType, layouts.length);
            for (int i = 0; i < layouts.length; i++) {
                Array.set(array, i, layouts[i]);
            }
            return array;
        }

        private static Object symbol(Method find, Object lookup, String name) throws ReflectiveOperationException, PatchException {
            Optional<?> found = (Optional<?>) find.invoke(lookup, name);
            return found.orElseThrow(() -> new PatchException("the C library has no " + name));
        }

        void replace(Map<String, String> environment) throws PatchException {
            try (var arena = (AutoCloseable) ofConfined.invoke(null)) {
                check("clearenv", (int) clearenv.invoke());
                for (var e : environment.entrySet()) {
                    check("setenv " + e.getKey(), (int) setenv.invoke(cString(arena, e.getKey()), cString(arena, e.getValue()), 1));
                }
            } catch (PatchException e) {
                throw e;
            } catch (Throwable t) {
                throw new PatchException("cannot set the C library's environment: " + t, t);
            }
        }

        /** Calls {@code setenv(name, value, 0)} for a variable that is set: it changes nothing. */
        void keep(String name, String value) throws PatchException {
            try (var arena = (AutoCloseable) ofConfined.invoke(null)) {
                check("setenv " + name, (int) setenv.invoke(cString(arena, name), cString(arena, value), 0));
            } catch (PatchException e) {
                throw e;
            } catch (Throwable t) {
                throw new PatchException("cannot call setenv of the C library: " + t, t);
            }
        }

        private Object cString(Object arena, String s) throws ReflectiveOperationException {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            Object segment = allocate.invoke(arena, (long) bytes.length + 1); // zeroed: the last byte ends the string
            copy.invoke(null, bytes, 0, segment, javaByte, 0L, bytes.length);
            return segment;
        }

        private static void check(String call, int status) throws PatchException {
            if (status != 0) {
                throw new PatchException(call + " failed with status " + status);
            }
        }
    }

    /** The environment could not be replaced; the worker must not serve. */
    static final class PatchException extends Exception {
        PatchException(String message) {
            super(message);
        }

        PatchException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
