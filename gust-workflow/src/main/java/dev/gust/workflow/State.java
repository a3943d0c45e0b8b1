package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One state of a {@link StateMachine}, as the definition wrote it.
 *
 * <p>Path fields that may be {@code null} in the language ({@code InputPath}, {@code OutputPath},
 * {@code ResultPath}) are an {@code Optional}: empty for {@code null}, {@code $} when the field was
 * left out. Payload templates ({@code Parameters}, {@code ResultSelector}, {@code ItemSelector}) and a
 * Pass state's {@code Result} stay JSON, evaluated when the state runs.
 */
public sealed interface State permits State.Task, State.Choice, State.Wait, State.Parallel, State.Map,
        State.Pass, State.Succeed, State.Fail {

    /** The default of {@code TimeoutSeconds} for a Task, as in the Amazon States Language. */
    long DEFAULT_TASK_TIMEOUT_SECONDS = 60;

    /** @return the state's {@code Comment} */
    Optional<String> comment();

    /** @return the state's {@code Type} as written, e.g. {@code Task} */
    default String type() {
        return getClass().getSimpleName();
    }

    /**
     * Runs a unit of work: a function, a queue send, an event, a nested workflow.
     *
     * @param timeoutSeconds how long the task may run (default {@value #DEFAULT_TASK_TIMEOUT_SECONDS})
     * @param heartbeatSeconds the longest gap between heartbeats of a callback task, if any
     */
    record Task(Optional<String> comment, Optional<String> inputPath, Optional<String> outputPath,
            TaskResource resource, Optional<JsonNode> parameters, Optional<JsonNode> resultSelector,
            Optional<String> resultPath, ValueOrPath<Long> timeoutSeconds,
            Optional<ValueOrPath<Long>> heartbeatSeconds, List<Retrier> retry, List<Catcher> catchers,
            Transition transition) implements State {
        public Task {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(timeoutSeconds, "timeoutSeconds");
            Objects.requireNonNull(transition, "transition");
            retry = List.copyOf(retry);
            catchers = List.copyOf(catchers);
        }
    }

    /**
     * Branches on its input.
     *
     * @param choices the {@code Choices} entries as written; {@link ChoiceRules} reads them
     * @param defaultState the {@code Default} state when no rule matches
     */
    record Choice(Optional<String> comment, Optional<String> inputPath, Optional<String> outputPath,
            List<JsonNode> choices, Optional<String> defaultState) implements State {
        public Choice {
            choices = List.copyOf(choices);
            Objects.requireNonNull(defaultState, "defaultState");
        }
    }

    /** Waits for a time span or until a point in time. */
    record Wait(Optional<String> comment, Optional<String> inputPath, Optional<String> outputPath, WaitFor waitFor,
            Transition transition) implements State {
        public Wait {
            Objects.requireNonNull(waitFor, "waitFor");
            Objects.requireNonNull(transition, "transition");
        }
    }

    /**
     * Runs every branch on the same input; the result is the array of their outputs.
     *
     * @param branches the nested machines, at least one
     */
    record Parallel(Optional<String> comment, Optional<String> inputPath, Optional<String> outputPath,
            List<StateMachine> branches, Optional<JsonNode> parameters, Optional<JsonNode> resultSelector,
            Optional<String> resultPath, List<Retrier> retry, List<Catcher> catchers, Transition transition)
            implements State {
        public Parallel {
            branches = List.copyOf(branches);
            retry = List.copyOf(retry);
            catchers = List.copyOf(catchers);
            Objects.requireNonNull(transition, "transition");
        }
    }

    /**
     * Runs its item processor once per item of an array in its input (inline mode).
     *
     * @param itemsPath a Reference Path to the array (default {@code $})
     * @param itemSelector {@code ItemSelector}, or the legacy {@code Parameters}
     * @param itemProcessor {@code ItemProcessor}, or the legacy {@code Iterator}
     * @param maxConcurrency how many items run at once; 0 means no limit (the default)
     * @param toleratedFailurePercentage the share of items that may fail, 0..100
     * @param toleratedFailureCount how many items may fail
     */
    record Map(Optional<String> comment, Optional<String> inputPath, Optional<String> outputPath, String itemsPath,
            Optional<JsonNode> itemSelector, StateMachine itemProcessor, ValueOrPath<Integer> maxConcurrency,
            Optional<ValueOrPath<Double>> toleratedFailurePercentage,
            Optional<ValueOrPath<Integer>> toleratedFailureCount, Optional<JsonNode> resultSelector,
            Optional<String> resultPath, List<Retrier> retry, List<Catcher> catchers, Transition transition)
            implements State {
        public Map {
            Objects.requireNonNull(itemsPath, "itemsPath");
            Objects.requireNonNull(itemProcessor, "itemProcessor");
            Objects.requireNonNull(maxConcurrency, "maxConcurrency");
            retry = List.copyOf(retry);
            catchers = List.copyOf(catchers);
            Objects.requireNonNull(transition, "transition");
        }
    }

    /**
     * Passes its input on, or a fixed {@code Result}, or its {@code Parameters}.
     *
     * @param result the fixed {@code Result}, taken as written (not a template)
     */
    record Pass(Optional<String> comment, Optional<String> inputPath, Optional<String> outputPath,
            Optional<JsonNode> parameters, Optional<JsonNode> result, Optional<String> resultPath,
            Transition transition) implements State {
        public Pass {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(transition, "transition");
        }
    }

    /** Ends its machine successfully. */
    record Succeed(Optional<String> comment, Optional<String> inputPath, Optional<String> outputPath)
            implements State {
    }

    /**
     * Ends its machine with an error.
     *
     * @param error the error name ({@code Error}) or where to read it ({@code ErrorPath})
     * @param cause the human-readable cause ({@code Cause}) or where to read it ({@code CausePath})
     */
    record Fail(Optional<String> comment, Optional<ValueOrPath<String>> error, Optional<ValueOrPath<String>> cause)
            implements State {
        public Fail {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(cause, "cause");
        }
    }
}
