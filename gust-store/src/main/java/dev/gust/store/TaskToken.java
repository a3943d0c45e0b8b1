package dev.gust.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A task token of the callback pattern ({@code .waitForTaskToken}): the task waits until someone
 * outside completes the token, once.
 *
 * @param token the opaque token handed out
 * @param executionId the waiting execution
 * @param stateName the waiting Task state
 * @param attempt the attempt of that state (0 for the first, 1 for the first retry, ...)
 * @param heartbeatDeadline when the task times out unless a heartbeat moves it; empty for never
 * @param completedAt when it was completed, once it was
 * @param outcome what it was completed with, once it was
 */
public record TaskToken(String token, String executionId, String stateName, int attempt,
        Optional<Instant> heartbeatDeadline, Optional<Instant> completedAt, Optional<Outcome> outcome) {

    public TaskToken {
        Objects.requireNonNull(heartbeatDeadline, "heartbeatDeadline");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** @return whether it still waits for a completion */
    public boolean isOpen() {
        return completedAt.isEmpty();
    }

    /**
     * A token to hand out.
     *
     * @param token unique on the node, unguessable
     * @param stateName the waiting Task state
     * @param attempt the attempt of that state
     * @param heartbeatDeadline when the task times out unless a heartbeat moves it; empty for never
     */
    public record Issue(String token, String stateName, int attempt, Optional<Instant> heartbeatDeadline) {
        public Issue {
            Objects.requireNonNull(heartbeatDeadline, "heartbeatDeadline");
        }
    }

    /** What a token was completed with. */
    public sealed interface Outcome {
        /** {@code SendTaskSuccess}: the task's result, JSON text. */
        record Success(String output) implements Outcome {
            public Success {
                Objects.requireNonNull(output, "output");
            }
        }

        /** {@code SendTaskFailure}, or a timeout the engine found. */
        record Failure(String error, String cause) implements Outcome {
            public Failure {
                Objects.requireNonNull(error, "error");
                Objects.requireNonNull(cause, "cause");
            }
        }
    }
}
