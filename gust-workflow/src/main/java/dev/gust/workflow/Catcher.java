package dev.gust.workflow;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a state's {@code Catch}: the errors it handles and the state it goes to.
 *
 * @param errorEquals the error names it matches; {@code States.ALL} matches every error
 * @param next the state to go to, in the same machine
 * @param resultPath where the error output goes in the state's input: a Reference Path (default
 *     {@code $}), or empty for {@code "ResultPath": null} (the input passes on unchanged)
 */
public record Catcher(List<String> errorEquals, String next, Optional<String> resultPath) {
    public Catcher {
        errorEquals = List.copyOf(errorEquals);
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(resultPath, "resultPath");
    }
}
