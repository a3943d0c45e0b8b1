package dev.gust.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing an invocation asked the platform to do while it ran: a message sent, an event
 * published, a function invoked, a workflow execution started. Kept with the invocation's record,
 * so its record shows what it caused.
 *
 * @param invocationId the invocation that made the call
 * @param kind what it asked for
 * @param target the queue, the event's {@code source type}, the function, or the workflow
 * @param resultId the message, event, invocation or execution id the call produced, when it succeeded
 * @param at when the call was answered
 * @param errorType why it failed, when it did
 * @param errorMessage what went wrong, when it failed
 */
public record ChildWork(String invocationId, Kind kind, String target, Optional<String> resultId, Instant at,
        Optional<String> errorType, Optional<String> errorMessage) {

    public ChildWork {
        Objects.requireNonNull(resultId, "resultId");
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(errorMessage, "errorMessage");
    }

    /** @return whether the call succeeded */
    public boolean ok() {
        return errorType.isEmpty();
    }

    /** @return a call that produced {@code resultId} */
    public static ChildWork succeeded(String invocationId, Kind kind, String target, String resultId, Instant at) {
        return new ChildWork(invocationId, kind, target, Optional.of(resultId), at, Optional.empty(), Optional.empty());
    }

    /** @return a call that failed */
    public static ChildWork failed(String invocationId, Kind kind, String target, Instant at, String errorType,
            String message) {
        return new ChildWork(invocationId, kind, target, Optional.empty(), at, Optional.of(errorType),
                Optional.of(message));
    }

    /** What an invocation asked for; {@link #label()} is how records and the API name it. */
    public enum Kind {
        QUEUE_SEND("queue.send"),
        EVENTS_PUBLISH("events.publish"),
        FUNCTION_INVOKE("function.invoke"),
        FUNCTION_INVOKE_ASYNC("function.invokeAsync"),
        WORKFLOW_START("workflow.start");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** @return e.g. {@code queue.send} */
        public String label() {
            return label;
        }

        /** @return the kind labelled {@code label}, if any */
        public static Optional<Kind> of(String label) {
            return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
        }
    }
}
