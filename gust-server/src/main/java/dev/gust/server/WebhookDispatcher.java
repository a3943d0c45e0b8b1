package dev.gust.server;

import dev.gust.events.WebhookSignature;
import dev.gust.store.EventStore;
import dev.gust.store.WebhookDelivery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers rules' webhook targets: leases due deliveries, POSTs each signed with its secret
 * ({@link WebhookSignature}), and either ends it (2xx) or retries it with the async backoff (full
 * jitter, 1 min doubling to 15 min) until {@link #MAX_ATTEMPTS} attempts have failed; then it is a
 * dead letter. Due times come from the injected clock. Thread-safe.
 */
final class WebhookDispatcher implements AutoCloseable {
    /** As an async invocation's default: the first attempt and two retries. */
    static final int MAX_ATTEMPTS = 3;
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Duration LEASE = Duration.ofMinutes(5);
    static final int MAX_RUNNING = 32;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final EventStore store;
    private final Secrets secrets;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final LeasedWork<WebhookDelivery> work;

    WebhookDispatcher(EventStore store, Secrets secrets, InstantSource clock, ScheduledExecutorService scheduler,
            RandomGenerator random) {
        this.store = store;
        this.secrets = secrets;
        this.clock = clock;
        this.random = random;
        this.work = new LeasedWork<>("webhook", MAX_RUNNING, scheduler,
                free -> store.leaseWebhooks(clock.instant(), LEASE, free), this::deliver,
                d -> "delivery " + d.id() + ", attempt " + d.attempts());
    }

    void start() {
        work.start(AsyncDispatcher.POLL_EVERY);
    }

    /** Looks for due deliveries now: new ones were committed. */
    void wakeUp() {
        work.wake();
    }

    private void deliver(WebhookDelivery d) {
        attempt(d).ifPresentOrElse(error -> failed(d, error),
                () -> store.finishWebhook(d.id(), WebhookDelivery.Status.DELIVERED, Optional.empty()));
    }

    /** @return why the attempt failed, or empty when the endpoint answered 2xx */
    private Optional<String> attempt(WebhookDelivery d) {
        Optional<byte[]> secret = secrets.read(d.secretRef());
        if (secret.isEmpty()) {
            return Optional.of("SecretNotFound: no secret named " + d.secretRef());
        }
        byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
        try {
            var res = http.send(HttpRequest.newBuilder(URI.create(d.url())).timeout(TIMEOUT)
                    .header("Content-Type", d.contentType())
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(secret.get(), body, clock))
                    .header("Gust-Delivery-Id", d.id())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
            return res.statusCode() / 100 == 2 ? Optional.empty() : Optional.of("HTTP " + res.statusCode());
        } catch (IOException e) {
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted: the node is shutting down");
        }
    }

    private void failed(WebhookDelivery d, String error) {
        if (d.attempts() >= MAX_ATTEMPTS) {
            store.finishWebhook(d.id(), WebhookDelivery.Status.DEAD, Optional.of(error));
            LOG.warn("webhook delivery {} of rule {} to {}: dead-lettered after {} attempts: {}", d.id(), d.rule(),
                    d.url(), d.attempts(), error);
            return;
        }
        var delay = Duration.ofNanos(1 + random.nextLong(AsyncDispatcher.ceiling(d.attempts()).toNanos()));
        store.retryWebhookAt(d.id(), clock.instant().plus(delay), error);
    }

    @Override
    public void close() {
        work.closeNow();
        http.close();
    }
}
