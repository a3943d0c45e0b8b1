package dev.gust.runtime;

import dev.gust.store.InvocationRecord;

/**
 * A finished invocation.
 *
 * @param record what the store keeps about it
 * @param outcome the result or error
 * @param coldStart whether it waited for a new instance to start
 */
public record Invocation(InvocationRecord record, Outcome outcome, boolean coldStart) {
}
