package dev.gust.workflow;

import java.util.Objects;

/** Where a Task, Wait, Parallel, Map or Pass state goes when it succeeds: a next state, or the end. */
public sealed interface Transition permits Transition.Next, Transition.End {

    /** @param state the name of the next state, in the same (possibly nested) machine */
    record Next(String state) implements Transition {
        public Next {
            Objects.requireNonNull(state, "state");
        }
    }

    /** The state ends its machine ({@code "End": true}). */
    record End() implements Transition {
    }
}
