package dev.gust.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The event bus's durable state: the archive of accepted events and each app's deployed rules.
 * Every method that returns has committed what it wrote. Thread-safe.
 */
public interface EventStore {

    /**
     * Commits accepted events, the async invocations and the webhook deliveries they cause in one
     * transaction: either all of them are stored or none is.
     */
    void accept(List<ArchivedEvent> events, List<AsyncEvent> deliveries, List<WebhookDelivery> webhooks);

    /** As {@link #accept(List, List, List)} without webhook deliveries. */
    default void accept(List<ArchivedEvent> events, List<AsyncEvent> deliveries) {
        accept(events, deliveries, List.of());
    }

    /**
     * Takes due pending webhook deliveries not leased by anyone (or whose lease ran out), counts
     * one more attempt on each and leases them until {@code now + lease}.
     *
     * @return the leased deliveries, oldest due first, with their attempts already counted
     */
    List<WebhookDelivery> leaseWebhooks(Instant now, Duration lease, int limit);

    /** Ends the lease and makes the delivery due again at {@code next}. */
    void retryWebhookAt(String id, Instant next, String lastError);

    /** Ends the delivery: {@code DELIVERED}, or {@code DEAD} (a dead letter). */
    void finishWebhook(String id, WebhookDelivery.Status status, Optional<String> lastError);

    /** @return the delivery, in whatever state it is */
    Optional<WebhookDelivery> webhook(String id);

    /** @return dead-lettered webhook deliveries, oldest first */
    List<WebhookDelivery> deadLetters(int limit);

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
