package dev.gust.runtime;

import java.util.List;

/** How an invocation ended, as its caller sees it. */
public sealed interface Outcome {

    /** @param payload the handler's JSON output */
    record Success(byte[] payload) implements Outcome {
    }

    /**
     * @param kind the class of failure, which fixes the HTTP status
     * @param errorType the error type shown to the caller ({@code Timeout}, an exception class, ...)
     * @param message what went wrong, safe to show to the caller
     * @param stackTrace the function's own frames, when the function threw
     */
    record Failure(ErrorKind kind, String errorType, String message, List<String> stackTrace) implements Outcome {
        public Failure {
            stackTrace = List.copyOf(stackTrace);
        }

        public static Failure of(ErrorKind kind, String message) {
            return new Failure(kind, kind.errorType(), message, List.of());
        }
    }
}
