package dev.gust.runtime;

/** What a waiting invocation is given: a slot on an instance, or a refusal. */
sealed interface Grant {

    /**
     * A taken invocation slot on {@code instance}; give it back with {@link Placement#release}.
     *
     * @param cold whether the instance was still starting when the slot was taken
     */
    record Lease(Instance instance, boolean cold) implements Grant {
    }

    /** @param failure why the invocation will not run */
    record Refusal(Outcome.Failure failure) implements Grant {
    }
}
