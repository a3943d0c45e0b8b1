package dev.gust.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.store.AsyncEvent;
import dev.gust.store.EventStore.ArchivedEvent;
import dev.gust.store.EventStore.StoredRule;
import dev.gust.store.Store;
import dev.gust.store.WebhookDelivery;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteEventsTest {
    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.atEpochOfTests();
    private Store store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("gust.db"), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ArchivedEvent event(String id, String type, Instant at) {
        return new ArchivedEvent(id, "/orders", type, at, "{\"id\":\"" + id + "\"}");
    }

    private AsyncEvent delivery(String id) {
        return AsyncEvent.accepted(id, "ship", "{}", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "corr-1", clock.instant());
    }

    @Test
    void accept_storesTheEventsAndTheirDeliveries() {
        store.events().accept(List.of(event("e1", "order.paid", clock.instant())), List.of(delivery("d1")));

        Instant from = clock.instant().minusSeconds(1);
        assertThat(store.events().list(from, from.plusSeconds(10), Optional.empty(), 10))
                .containsExactly(event("e1", "order.paid", clock.instant()));
        assertThat(store.asyncInvocations().get("d1")).contains(delivery("d1"));
    }

    @Test
    void accept_whenADeliveryCannotBeStored_storesNoEvent() {
        store.asyncInvocations().enqueue(delivery("taken"));

        assertThatThrownBy(() -> store.events().accept(List.of(event("e1", "t", clock.instant())),
                List.of(delivery("d1"), delivery("taken"))));

        Instant from = clock.instant().minusSeconds(1);
        assertThat(store.events().list(from, from.plusSeconds(10), Optional.empty(), 10)).isEmpty();
        assertThat(store.asyncInvocations().get("d1")).isEmpty();
    }

    private WebhookDelivery hook(String id) {
        return WebhookDelivery.accepted(id, "r1", "e1", "https://x.example/h", "hook", "application/json", "{}",
                clock.instant());
    }

    @Test
    void accept_withWebhooks_storesThemPendingAndLeasable() {
        store.events().accept(List.of(event("e1", "t", clock.instant())), List.of(), List.of(hook("h1")));

        var leased = store.events().leaseWebhooks(clock.instant(), Duration.ofMinutes(5), 10);
        var whileLeased = store.events().leaseWebhooks(clock.instant(), Duration.ofMinutes(5), 10);

        assertThat(leased).singleElement().satisfies(h -> {
            assertThat(h.id()).isEqualTo("h1");
            assertThat(h.attempts()).isEqualTo(1);
        });
        assertThat(whileLeased).isEmpty();
    }

    @Test
    void retryWebhookAt_makesItDueThen_andFinishDeadMakesItADeadLetter() {
        store.events().accept(List.of(), List.of(), List.of(hook("h1"), hook("h2")));
        store.events().leaseWebhooks(clock.instant(), Duration.ofMinutes(5), 10);
        Instant next = clock.instant().plusSeconds(60);

        store.events().retryWebhookAt("h1", next, "HTTP 500");
        store.events().finishWebhook("h2", WebhookDelivery.Status.DEAD, Optional.of("HTTP 404"));

        assertThat(store.events().leaseWebhooks(next.minusNanos(1), Duration.ofMinutes(5), 10)).isEmpty();
        assertThat(store.events().leaseWebhooks(next, Duration.ofMinutes(5), 10)).singleElement()
                .satisfies(h -> assertThat(h.lastError()).contains("HTTP 500"));
        assertThat(store.events().deadLetters(10)).singleElement().satisfies(h -> {
            assertThat(h.id()).isEqualTo("h2");
            assertThat(h.status()).isEqualTo(WebhookDelivery.Status.DEAD);
            assertThat(h.lastError()).contains("HTTP 404");
        });
    }

    @Test
    void list_keepsToTheWindowAndTheType() {
        Instant t = clock.instant();
        store.events().accept(List.of(event("a", "x", t), event("b", "y", t.plusSeconds(1)),
                event("c", "x", t.plusSeconds(2)), event("d", "x", t.plusSeconds(3))), List.of());

        var xs = store.events().list(t, t.plusSeconds(3), Optional.of("x"), 10);

        assertThat(xs).extracting(ArchivedEvent::id).containsExactly("a", "c");
        assertThat(store.events().list(t, t.plusSeconds(9), Optional.empty(), 2)).extracting(ArchivedEvent::id)
                .containsExactly("a", "b");
    }

    @Test
    void deleteOlderThan_removesOnlyOlderEvents() {
        Instant t = clock.instant();
        store.events().accept(List.of(event("old", "x", t), event("new", "x", t.plus(Duration.ofDays(8)))), List.of());

        int deleted = store.events().deleteOlderThan(t.plus(Duration.ofDays(1)));

        assertThat(deleted).isEqualTo(1);
        assertThat(store.events().list(t, t.plus(Duration.ofDays(9)), Optional.empty(), 10))
                .extracting(ArchivedEvent::id).containsExactly("new");
    }

    @Test
    void replaceRules_replacesOnlyThatAppsRules() {
        store.events().replaceRules("shop", List.of(new StoredRule("shop", "a", "{}"), new StoredRule("shop", "b", "{}")));
        store.events().replaceRules("blog", List.of(new StoredRule("blog", "c", "{}")));

        store.events().replaceRules("shop", List.of(new StoredRule("shop", "b", "{\"v\":2}")));

        assertThat(store.events().rules()).containsExactly(new StoredRule("blog", "c", "{}"),
                new StoredRule("shop", "b", "{\"v\":2}"));
    }
}
