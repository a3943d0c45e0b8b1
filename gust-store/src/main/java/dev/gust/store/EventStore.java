package dev.gust.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The event bus's durable state: the archive of accepted events and each app's deployed rules.
 * Every method that returns has committed what it wrote. Thread-safe.
 */
public interface EventStore {

    /**
     * Commits accepted events and the async invocations they cause in one transaction: either all
     * of them are stored or none is.
     */
    void accept(List<ArchivedEvent> events, List<AsyncEvent> deliveries);

    /**
     * @param since inclusive
     * @param until exclusive
     * @param type only events of this type, when present
     * @param limit at most this many, oldest first
     * @return archived events received in {@code [since, until)}
     */
    List<ArchivedEvent> list(Instant since, Instant until, Optional<String> type, int limit);

    /** @return how many archived events received before {@code cutoff} were deleted */
    int deleteOlderThan(Instant cutoff);

    /** Replaces every rule of {@code app} with {@code rules} (which all belong to it). */
    void replaceRules(String app, List<StoredRule> rules);

    /** @return the deployed rules of every app, by app then name */
    List<StoredRule> rules();

    /**
     * One accepted event as the archive keeps it.
     *
     * @param id the event's {@code id} attribute
     * @param source the event's {@code source}
     * @param type the event's {@code type}
     * @param receivedAt when the node accepted it
     * @param json the event as {@code application/cloudevents+json}
     */
    record ArchivedEvent(String id, String source, String type, Instant receivedAt, String json) {
    }

    /**
     * A deployed rule.
     *
     * @param app the app that declared it
     * @param name its name, unique on the node
     * @param definition the rule as JSON (pattern, targets, input transformer)
     */
    record StoredRule(String app, String name, String definition) {
    }
}
