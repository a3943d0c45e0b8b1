package dev.gust.runtime;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of one function version's pool.
 *
 * @param function the function name
 * @param version the version
 * @param current whether new invocations go to this version
 * @param instances instance count by state
 * @param inFlight invocations running now
 * @param waiting invocations waiting for a free instance
 * @param lastInvoked when the last invocation started, if any
 */
public record PoolStats(String function, int version, boolean current, Map<InstanceState, Integer> instances,
        int inFlight, int waiting, Optional<Instant> lastInvoked) {
}
