package dev.gust.workflow;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One entry of a state's {@code Retry}: which errors it retries and how long it waits between
 * attempts ({@code intervalSeconds * backoffRate^(attempt-1)}, capped at {@code maxDelaySeconds},
 * randomised below that with {@link JitterStrategy#FULL}).
 *
 * @param errorEquals the error names it matches; {@code States.ALL} matches every error
 * @param intervalSeconds the wait before the first retry, 1 or more (default 1)
 * @param maxAttempts how many retries at most, 0 or more (default 3; 0 never retries)
 * @param backoffRate the factor the wait grows by per retry, 1.0 or more (default 2.0)
 * @param maxDelaySeconds the longest wait, if capped
 * @param jitterStrategy whether waits are randomised (default {@link JitterStrategy#NONE})
 */
public record Retrier(List<String> errorEquals, long intervalSeconds, long maxAttempts, double backoffRate,
        OptionalLong maxDelaySeconds, JitterStrategy jitterStrategy) {
    /** The defaults of the Amazon States Language. */
    public static final long DEFAULT_INTERVAL_SECONDS = 1;
    public static final long DEFAULT_MAX_ATTEMPTS = 3;
    public static final double DEFAULT_BACKOFF_RATE = 2.0;

    public Retrier {
        errorEquals = List.copyOf(errorEquals);
        Objects.requireNonNull(maxDelaySeconds, "maxDelaySeconds");
        Objects.requireNonNull(jitterStrategy, "jitterStrategy");
    }

    /** How retry waits are randomised. */
    public enum JitterStrategy {
        /** Each wait is a random duration between 0 and the computed backoff. */
        FULL,
        /** Each wait is exactly the computed backoff. */
        NONE
    }
}
