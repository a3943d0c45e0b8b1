package dev.gust.worker;

import dev.gust.protocol.Frame.ErrorInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Turns throwables into the error object a caller sees. The error type is the exception's simple
 * class name, as AWS Lambda reports it ({@code IllegalStateException}), except for the JVM errors
 * that say something about the instance: {@code OutOfMemory} and {@code StackOverflow}. Traces are
 * trimmed to the function's own frames: the worker and reflection plumbing below them are dropped.
 */
final class Failures {
    static final String INIT_ERROR = "InitError";
    static final String OUT_OF_MEMORY = "OutOfMemory";
    static final String STACK_OVERFLOW = "StackOverflow";
    static final int MAX_TRACE_LINES = 64;
    static final int MAX_MESSAGE_CHARS = 16 * 1024;

    private Failures() {
    }

    /** @return the error object for a failed invocation */
    static ErrorInfo of(Throwable t) {
        if (t instanceof JsonCodec.MappingException m) {
            return new ErrorInfo(m.errorType(), clip(m.getMessage()), List.of());
        }
        return new ErrorInfo(errorType(t), message(t), trace(t));
    }

    /** @return an {@code InitError} with the given message and, when there is a cause, its trace */
    static ErrorInfo initError(String message, Throwable cause) {
        return new ErrorInfo(INIT_ERROR, clip(message), cause == null ? List.of() : trace(cause));
    }

    static String errorType(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            return OUT_OF_MEMORY;
        }
        if (t instanceof StackOverflowError) {
            return STACK_OVERFLOW;
        }
        return typeName(t);
    }

    /** @return {@code SimpleName: message}, the way a cause is named in a message */
    static String describe(Throwable t) {
        return t.getMessage() == null ? typeName(t) : typeName(t) + ": " + clip(t.getMessage());
    }

    private static String typeName(Throwable t) {
        String simple = t.getClass().getSimpleName();
        return simple.isEmpty() ? t.getClass().getName() : simple;
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? "" : clip(t.getMessage());
    }

    private static String clip(String s) {
        return s.length() <= MAX_MESSAGE_CHARS ? s : s.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    /** @return the trimmed frames of {@code t}, then each cause's, at most {@link #MAX_TRACE_LINES} lines */
    static List<String> trace(Throwable t) {
        var lines = new ArrayList<String>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            if (c != t) {
                lines.add("Caused by: " + c.getClass().getName() + (c.getMessage() == null ? "" : ": " + clip(c.getMessage())));
            }
            addFrames(c, lines);
        }
        if (lines.size() > MAX_TRACE_LINES) {
            int dropped = lines.size() - MAX_TRACE_LINES;
            lines.subList(MAX_TRACE_LINES, lines.size()).clear();
            lines.add("... " + dropped + " more");
        }
        return List.copyOf(lines);
    }

    private static void addFrames(Throwable t, List<String> lines) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (isWorker(e) || lines.size() > MAX_TRACE_LINES) {
                return;
            }
            if (!isPlumbing(e)) {
                lines.add(e.getClassName() + "." + e.getMethodName() + "(" + location(e) + ")");
            }
        }
    }

    private static String location(StackTraceElement e) {
        if (e.isNativeMethod()) {
            return "Native Method";
        }
        if (e.getFileName() == null) {
            return "Unknown Source";
        }
        return e.getLineNumber() >= 0 ? e.getFileName() + ":" + e.getLineNumber() : e.getFileName();
    }

    /** The worker's own package, not its sub-packages (which only tests use). */
    private static boolean isWorker(StackTraceElement e) {
        String c = e.getClassName();
        return c.startsWith("dev.gust.worker.") && c.indexOf('.', "dev.gust.worker.".length()) < 0;
    }

    private static boolean isPlumbing(StackTraceElement e) {
        String c = e.getClassName();
        return c.startsWith("java.lang.reflect.") || c.startsWith("jdk.internal.reflect.")
                || c.startsWith("java.lang.invoke.") || c.startsWith("jdk.internal.")
                || c.startsWith("sun.reflect.");
    }
}
