package dev.gust.workflow;

import java.util.Optional;

/**
 * JSONPath as the Amazon States Language uses it: Paths (any JSONPath, on the input or, with
 * {@code $$}, the context object) and Reference Paths (simple member and index steps only).
 */
public final class Paths {
    private Paths() {
    }

    /**
     * @param path a Path as written, e.g. {@code $.items[?(@.price > 10)]} or {@code $$.Execution.Id}
     * @return what is wrong with it and what is allowed; empty when it is a valid Path
     */
    public static Optional<String> checkPath(String path) {
        return Optional.empty(); // contract: validation arrives with the evaluator
    }

    /**
     * @param path a Reference Path as written, e.g. {@code $.order.items[0]}
     * @return what is wrong with it and what is allowed; empty when it is a valid Reference Path
     */
    public static Optional<String> checkReferencePath(String path) {
        return Optional.empty(); // contract: validation arrives with the evaluator
    }
}
