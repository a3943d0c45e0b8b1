package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads a state's {@code Retry} and {@code Catch} lists. */
final class ErrorHandlers {
    /** Every error name the language predefines; other {@code States.} names are reserved. */
    static final List<String> PREDEFINED = List.of("States.ALL", "States.HeartbeatTimeout", "States.Timeout",
            "States.TaskFailed", "States.Permissions", "States.ResultPathMatchFailure",
            "States.ParameterPathFailure", "States.QueryEvaluationError", "States.BranchFailed",
            "States.NoChoiceMatched", "States.IntrinsicFailure", "States.ExceedToleratedFailureThreshold",
            "States.ItemReaderFailed", "States.ResultWriterFailed", "States.Runtime");
    /** The longest MaxDelaySeconds AWS accepts (a year and a day). */
    static final long MAX_DELAY_SECONDS = 31_622_400;

    private static final String ALL = "States.ALL";
    private static final List<String> RETRIER_FIELDS = List.of("ErrorEquals", "IntervalSeconds", "MaxAttempts",
            "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");
    private static final List<String> CATCHER_FIELDS = List.of("ErrorEquals", "Next", "ResultPath", "Comment");

    private final List<Problem> problems;

    ErrorHandlers(List<Problem> problems) {
        this.problems = problems;
    }

    List<Retrier> retriers(Fields state) {
        List<Retrier> retriers = new ArrayList<>();
        List<JsonNode> entries = entries(state, "Retry");
        for (int i = 0; i < entries.size(); i++) {
            retrier(entry(state, "Retry", i, entries.get(i)), i == entries.size() - 1).ifPresent(retriers::add);
        }
        return retriers;
    }

    List<Catcher> catchers(Fields state) {
        List<Catcher> catchers = new ArrayList<>();
        List<JsonNode> entries = entries(state, "Catch");
        for (int i = 0; i < entries.size(); i++) {
            catcher(entry(state, "Catch", i, entries.get(i)), i == entries.size() - 1).ifPresent(catchers::add);
        }
        return catchers;
    }

    private List<JsonNode> entries(Fields state, String name) {
        List<JsonNode> entries = new ArrayList<>();
        state.array(name).ifPresent(a -> a.forEach(entries::add));
        return entries;
    }

    private Optional<Fields> entry(Fields state, String list, int index, JsonNode node) {
        String pointer = state.at(list) + "/" + index;
        if (!node.isObject()) {
            problems.add(new Problem(pointer, "must be a JSON object with ErrorEquals, was " + Fields.describe(node)));
            return Optional.empty();
        }
        return Optional.of(new Fields(node, pointer, problems));
    }

    private Optional<Retrier> retrier(Optional<Fields> entry, boolean last) {
        return entry.flatMap(f -> {
            int before = problems.size();
            f.allowOnly(RETRIER_FIELDS, Map.of(), "a retrier");
            List<String> errors = errorEquals(f, last, "retrier");
            long interval = f.integer("IntervalSeconds", 1, Fields.MAX_SECONDS)
                    .orElse(Retrier.DEFAULT_INTERVAL_SECONDS);
            long attempts = f.integer("MaxAttempts", 0, Fields.MAX_SECONDS).orElse(Retrier.DEFAULT_MAX_ATTEMPTS);
            double backoff = f.number("BackoffRate", 1.0, Double.MAX_VALUE).orElse(Retrier.DEFAULT_BACKOFF_RATE);
            OptionalLong maxDelay = f.integer("MaxDelaySeconds", 1, MAX_DELAY_SECONDS)
                    .map(OptionalLong::of).orElse(OptionalLong.empty());
            Retrier.JitterStrategy jitter = jitter(f);
            return problems.size() > before ? Optional.empty()
                    : Optional.of(new Retrier(errors, interval, attempts, backoff, maxDelay, jitter));
        });
    }

    private Optional<Catcher> catcher(Optional<Fields> entry, boolean last) {
        return entry.flatMap(f -> {
            int before = problems.size();
            f.allowOnly(CATCHER_FIELDS, Map.of(), "a catcher");
            List<String> errors = errorEquals(f, last, "catcher");
            Optional<String> next = f.requiredString("Next");
            Optional<String> resultPath = f.nullablePath("ResultPath", true).orElse(Optional.of("$"));
            return problems.size() > before ? Optional.empty()
                    : Optional.of(new Catcher(errors, next.orElseThrow(), resultPath));
        });
    }

    private static Retrier.JitterStrategy jitter(Fields f) {
        return f.string("JitterStrategy").flatMap(j -> switch (j) {
            case "FULL" -> Optional.of(Retrier.JitterStrategy.FULL);
            case "NONE" -> Optional.of(Retrier.JitterStrategy.NONE);
            default -> f.<Retrier.JitterStrategy>problem("JitterStrategy", "must be FULL or NONE, was \"" + j + "\"");
        }).orElse(Retrier.JitterStrategy.NONE);
    }

    private List<String> errorEquals(Fields f, boolean last, String what) {
        Optional<JsonNode> array = f.has("ErrorEquals") ? f.array("ErrorEquals")
                : f.problem("ErrorEquals", "is required (a non-empty array of error names)");
        List<String> errors = new ArrayList<>();
        array.filter(JsonNode::isEmpty).ifPresent(a -> f.problem("ErrorEquals", "must name at least one error"));
        array.ifPresent(a -> {
            for (int i = 0; i < a.size(); i++) {
                errorName(f, a.get(i), i).ifPresent(errors::add);
            }
        });
        if (errors.contains(ALL) && errors.size() > 1) {
            f.problem("ErrorEquals", "States.ALL must be the only error name of its " + what);
        }
        if (errors.contains(ALL) && !last) {
            f.problem("ErrorEquals", "a " + what + " with States.ALL must be the last one of its list");
        }
        return errors;
    }

    private Optional<String> errorName(Fields f, JsonNode name, int index) {
        String pointer = f.at("ErrorEquals") + "/" + index;
        if (!name.isTextual() || name.textValue().isEmpty()) {
            problems.add(new Problem(pointer, "an error name must be a non-empty string, was "
                    + Fields.describe(name)));
            return Optional.empty();
        }
        String text = name.textValue();
        if (text.startsWith("States.") && !PREDEFINED.contains(text)) {
            problems.add(new Problem(pointer, "\"" + text + "\" is not a predefined error; names starting with "
                    + "States. are reserved, the predefined ones are " + String.join(", ", PREDEFINED)));
        }
        return Optional.of(text);
    }
}
