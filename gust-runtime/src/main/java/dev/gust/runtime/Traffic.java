package dev.gust.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each function's idle times and what the keep-alive policy makes of them: with the hybrid policy,
 * one {@link HybridKeepAlive} per function (kept across its versions), fed the idle time that ends
 * when an invocation arrives while none of the function's run or wait; with the fixed policy, the
 * node's keep-alive for everyone.
 *
 * <p>Not thread-safe: guarded by the node lock held by {@link Placement}.
 */
final class Traffic {
    private final RuntimeConfig config;
    private final Map<String, Function> functions = new HashMap<>();

    Traffic(RuntimeConfig config) {
        this.config = config;
    }

    /** One function's policy and the idle period it is in. */
    private static final class Function {
        final HybridKeepAlive policy;
        Optional<Instant> idleSince = Optional.empty();
        boolean prewarmed;

        Function(Duration fixed) {
            policy = HybridKeepAlive.create(fixed);
        }
    }

    private Optional<Function> of(String function) {
        if (config.keepAlivePolicy() != RuntimeConfig.KeepAlivePolicy.HYBRID) {
            return Optional.empty();
        }
        return Optional.of(functions.computeIfAbsent(function, f -> new Function(config.keepAlive())));
    }

    /** An invocation arrived: if the function was idle, that idle time is a sample of its pattern. */
    void arrived(String function, Instant now) {
        of(function).ifPresent(f -> {
            f.idleSince.ifPresent(since -> f.policy.idleEnded(since.isAfter(now) ? Duration.ZERO
                    : Duration.between(since, now)));
            f.idleSince = Optional.empty();
        });
    }

    /** None of the function's invocations run or wait any more: it is idle from {@code now}. */
    void idle(String function, Instant now) {
        of(function).ifPresent(f -> {
            f.idleSince = Optional.of(now);
            f.prewarmed = false;
        });
    }

    /** @return the windows for the function's idle instances now: learned, or the fixed keep-alive */
    HybridKeepAlive.Windows windows(String function) {
        return of(function).map(f -> f.policy.windows()).orElseGet(() -> new HybridKeepAlive.Windows(
                Duration.ZERO, config.keepAlive(), HybridKeepAlive.Mode.TOO_FEW_SAMPLES));
    }

    /**
     * @return whether the function's pre-warm is due now: it is idle, has a pre-warm window, that
     *     window has passed since its last invocation, and this idle period has not been pre-warmed;
     *     the pre-warm then counts as done
     */
    boolean prewarmDue(String function, Instant now) {
        Optional<Function> f = of(function);
        if (f.isEmpty() || f.get().idleSince.isEmpty() || f.get().prewarmed) {
            return false;
        }
        Duration prewarm = f.get().policy.windows().prewarm();
        if (!prewarm.isPositive() || now.isBefore(f.get().idleSince.get().plus(prewarm))) {
            return false;
        }
        f.get().prewarmed = true;
        return true;
    }

    /** The function is gone: forget what was learned. */
    void forget(String function) {
        functions.remove(function);
    }
}
