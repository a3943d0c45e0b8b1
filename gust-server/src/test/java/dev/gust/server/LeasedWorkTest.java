package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lease-and-run loop behind async invocations and webhook deliveries. Its timed poll is set to
 * an hour here, so whatever runs within the test's bound ran because of a wake-up.
 */
class LeasedWorkTest {
    private static final Duration NEVER = Duration.ofHours(1);
    private static final Duration BOUND = Duration.ofSeconds(20);
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final Queue<String> due = new ConcurrentLinkedQueue<>();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private IntFunction<List<String>> leaseFromDue() {
        return max -> {
            List<String> out = new ArrayList<>();
            for (String s; out.size() < max && (s = due.poll()) != null; ) {
                out.add(s);
            }
            return out;
        };
    }

    @Test
    void aWakeUpWhileAPollIsRunning_isNotLost() throws Exception {
        var pollStarted = new CountDownLatch(1);
        var letPollFinish = new CountDownLatch(1);
        IntFunction<List<String>> fromDue = leaseFromDue();
        var work = new LeasedWork<String>("test", 4, scheduler, max -> {
            if (pollStarted.getCount() > 0) {
                pollStarted.countDown();
                block(letPollFinish); // this poll looked before the item below was committed
                return List.of();
            }
            return fromDue.apply(max);
        }, ran::add, s -> s);
        work.start(NEVER);
        assertThat(pollStarted.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();

        due.add("committed-during-the-poll");
        work.wake();
        letPollFinish.countDown();

        await().atMost(BOUND).untilAsserted(() -> assertThat(ran).containsExactly("committed-during-the-poll"));
    }

    @Test
    void whenEverySlotIsBusy_aFreedSlotTakesTheNextDueItem_withoutWaitingForThePoll() {
        var releaseFirst = new CountDownLatch(1);
        due.addAll(List.of("first", "second"));
        var work = new LeasedWork<String>("test", 1, scheduler, leaseFromDue(), item -> {
            ran.add(item);
            if (item.equals("first")) {
                block(releaseFirst);
            }
        }, s -> s);
        work.start(NEVER);
        await().atMost(BOUND).untilAsserted(() -> assertThat(ran).containsExactly("first"));
        assertThat(due).containsExactly("second");

        releaseFirst.countDown();

        await().atMost(BOUND).untilAsserted(() -> assertThat(ran).containsExactly("first", "second"));
    }

    @Test
    void anItemWhoseRunThrows_leavesTheOthersRunning() {
        due.addAll(List.of("bad", "good"));
        var work = new LeasedWork<String>("test", 1, scheduler, leaseFromDue(), item -> {
            ran.add(item);
            if (item.equals("bad")) {
                throw new IllegalStateException("cannot record");
            }
        }, s -> s);

        work.start(NEVER);

        await().atMost(BOUND).untilAsserted(() -> assertThat(ran).containsExactly("bad", "good"));
    }

    @Test
    void afterClose_aWakeUpLeasesNothing() {
        var work = new LeasedWork<String>("test", 1, scheduler, leaseFromDue(), ran::add, s -> s);
        work.close();
        due.add("late");

        work.wake();
        work.start(Duration.ofMillis(10));

        await().during(Duration.ofMillis(300)).atMost(BOUND).until(() -> ran.isEmpty() && due.size() == 1);
    }

    private static void block(CountDownLatch latch) {
        try {
            if (!latch.await(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
