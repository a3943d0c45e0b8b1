package dev.gust.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One signed POST of an event to a rule's webhook target, from acceptance until it is delivered
 * or dead-lettered.
 *
 * @param id the delivery's id
 * @param rule the rule that matched
 * @param eventId the event's {@code id}
 * @param url where it is POSTed
 * @param secretRef the name of the secret it is signed with
 * @param contentType the body's media type
 * @param body the body: the event as structured JSON, or the rule's transformed input
 * @param attempts attempts started so far (a lease counts as one)
 * @param nextAttemptAt when it is next due
 * @param createdAt when the event was accepted
 * @param status where it is
 * @param lastError why the last attempt failed
 */
public record WebhookDelivery(
        String id,
        String rule,
        String eventId,
        String url,
        String secretRef,
        String contentType,
        String body,
        int attempts,
        Instant nextAttemptAt,
        Instant createdAt,
        Status status,
        Optional<String> lastError) {

    /** Where a webhook delivery is. */
    public enum Status {
        /** waiting for its first attempt or a retry (or running, when leased) */
        PENDING,
        /** the endpoint answered 2xx */
        DELIVERED,
        /** every allowed attempt failed: a dead letter */
        DEAD
    }

    public WebhookDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lastError, "lastError");
    }

    /** @return a new delivery, due at once */
    public static WebhookDelivery accepted(String id, String rule, String eventId, String url, String secretRef,
            String contentType, String body, Instant now) {
        return new WebhookDelivery(id, rule, eventId, url, secretRef, contentType, body, 0, now, now, Status.PENDING,
                Optional.empty());
    }
}
