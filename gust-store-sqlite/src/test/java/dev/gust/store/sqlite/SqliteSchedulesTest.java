package dev.gust.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.store.AsyncEvent;
import dev.gust.store.ScheduleStore;
import dev.gust.store.GustStoreException;
import dev.gust.store.ScheduleStore.Definition;
import dev.gust.store.Store;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSchedulesTest {
    private static final Instant SLOT = Instant.parse("2026-12-01T02:00:00Z");
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

    private Definition nightly(String expression, Instant created) {
        return new Definition("nightly", "shop", expression, "Europe/Berlin", "function", "report", "latest",
                Optional.of("{\"full\":true}"), created);
    }

    private AsyncEvent event(String id) {
        return AsyncEvent.accepted(id, "report", "{}", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "corr-1", clock.instant());
    }

    @Test
    void replace_thenList_returnsEveryField() {
        Definition d = nightly("cron(0 3 * * ? *)", clock.instant());

        store.schedules().replace("shop", List.of(d));

        assertThat(store.schedules().list()).containsExactly(d);
        assertThat(store.schedules().get("nightly")).contains(d);
    }

    @Test
    void replace_withQueueAndBusTargets_keepsTheirOptions_andAnUpdateChangesThem() {
        Definition toQueue = new Definition("orders-tick", "shop", "rate(1 hour)", "UTC", "queue", "orders.fifo",
                "none", Optional.empty(), clock.instant(),
                new ScheduleStore.TargetOptions(Optional.of("ticks"), Optional.empty(), Optional.empty()));
        Definition toBus = new Definition("bus-tick", "shop", "rate(1 hour)", "UTC", "bus", "default", "none",
                Optional.empty(), clock.instant(), new ScheduleStore.TargetOptions(Optional.empty(),
                        Optional.of("/billing"), Optional.of("Billing Due")));
        store.schedules().replace("shop", List.of(toQueue, toBus));
        Definition plainBus = new Definition("bus-tick", "shop", "rate(1 hour)", "UTC", "bus", "default", "none",
                Optional.empty(), clock.instant());

        store.schedules().replace("shop", List.of(toQueue, plainBus));

        assertThat(store.schedules().list()).containsExactly(plainBus, toQueue);
    }

    @Test
    void replace_withAWorkflowTarget_keepsIt() {
        Definition toWorkflow = new Definition("saga-tick", "shop", "rate(1 hour)", "UTC", "workflow", "order-saga",
                "none", Optional.of("{\"n\":1}"), clock.instant());

        store.schedules().replace("shop", List.of(toWorkflow));

        assertThat(store.schedules().get("saga-tick")).contains(toWorkflow);
    }

    @Test
    void replace_withSameExpression_keepsTheCreationTime_soARateKeepsItsRhythm() {
        Instant first = clock.instant();
        store.schedules().replace("shop", List.of(nightly("rate(5 minutes)", first)));

        store.schedules().replace("shop", List.of(nightly("rate(5 minutes)", first.plus(Duration.ofHours(1)))));
        Instant kept = store.schedules().get("nightly").orElseThrow().createdAt();
        store.schedules().replace("shop", List.of(nightly("rate(10 minutes)", first.plus(Duration.ofHours(2)))));

        assertThat(kept).isEqualTo(first);
        assertThat(store.schedules().get("nightly").orElseThrow().createdAt()).isEqualTo(first.plus(Duration.ofHours(2)));
    }

    @Test
    void replace_removesTheAppsOtherSchedules_andLeavesOtherAppsAlone() {
        Definition other = new Definition("cleanup", "ops", "rate(1 hour)", "UTC", "function", "sweep", "none",
                Optional.empty(), clock.instant());
        store.schedules().replace("ops", List.of(other));
        store.schedules().replace("shop", List.of(nightly("rate(1 hour)", clock.instant())));

        store.schedules().replace("shop", List.of());

        assertThat(store.schedules().list()).containsExactly(other);
    }

    @Test
    void fire_recordsTheSlotAndEnqueuesItsInvocationTogether() {
        AsyncEvent invocation = event("inv-1").withTrigger("schedule");

        boolean fired = store.schedules().fire("nightly", "nightly@" + SLOT, SLOT, invocation);

        assertThat(fired).isTrue();
        assertThat(store.schedules().lastFired("nightly")).contains(SLOT);
        assertThat(store.asyncInvocations().get("inv-1")).contains(invocation);
    }

    @Test
    void fire_whenTheSlotAlreadyFired_enqueuesNothing() {
        store.schedules().fire("nightly", "nightly@" + SLOT, SLOT, event("inv-1"));

        boolean again = store.schedules().fire("nightly", "nightly@" + SLOT, SLOT, event("inv-2"));

        assertThat(again).isFalse();
        assertThat(store.asyncInvocations().get("inv-2")).isEmpty();
        assertThat(store.asyncInvocations().pending()).isEqualTo(1);
    }

    @Test
    void fire_whenTheInvocationCannotBeStored_recordsNoSlot() {
        store.asyncInvocations().enqueue(event("taken"));

        assertThatThrownBy(() -> store.schedules().fire("nightly", "nightly@" + SLOT, SLOT, event("taken")))
                .isInstanceOf(GustStoreException.class);

        assertThat(store.schedules().lastFired("nightly")).isEmpty();
    }

    @Test
    void lastFired_isTheNewestSlot_andEmptyBeforeTheFirst() {
        assertThat(store.schedules().lastFired("nightly")).isEmpty();

        store.schedules().fire("nightly", "nightly@" + SLOT, SLOT, event("inv-1"));
        store.schedules().fire("nightly", "nightly@" + SLOT.minusSeconds(60), SLOT.minusSeconds(60), event("inv-0"));

        assertThat(store.schedules().lastFired("nightly")).contains(SLOT);
    }

    @Test
    void fire_fromManyThreadsAtOnce_firesTheSlotExactlyOnce() throws Exception {
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String id = "inv-" + i;
                Callable<Boolean> fire = () -> {
                    go.await();
                    return store.schedules().fire("nightly", "nightly@" + SLOT, SLOT, event(id));
                };
                results.add(pool.submit(fire));
            }
            go.countDown();
            int fired = 0;
            for (Future<Boolean> r : results) {
                fired += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertThat(fired).isEqualTo(1);
            assertThat(store.asyncInvocations().pending()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void firedSlots_surviveAReopen() {
        store.schedules().fire("nightly", "nightly@" + SLOT, SLOT, event("inv-1"));
        store.close();
        store = SqliteStore.open(dir.resolve("gust.db"), clock);

        assertThat(store.schedules().fire("nightly", "nightly@" + SLOT, SLOT, event("inv-2"))).isFalse();
    }
}
