package dev.gust.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.store.QueueConfig;
import dev.gust.store.QueueMessage;
import dev.gust.store.QueueStore;
import dev.gust.store.Store;
import dev.gust.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever mix of sends, receives, deletes, releases and visibility timeouts a FIFO queue sees,
 * a receive hands out a message only when every earlier message of its group is deleted or
 * handed out before it in the same receive, and never a message of a group already in flight.
 */
class FifoOrderPropertiesTest {
    private static final Duration VISIBILITY = Duration.ofSeconds(30);
    private static final AtomicLong TRIES = new AtomicLong();
    private static final ManualClock CLOCK = ManualClock.atEpochOfTests();
    private static Path dir;
    private static Store store;

    /** One step: 0 send, 1 receive, 2 delete, 3 release, 4 let visibility timeouts pass; then a group or count. */
    record Step(int kind, int arg) {
    }

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("gust-fifo-props");
        store = SqliteStore.open(dir.resolve("gust.db"), CLOCK);
    }

    @AfterContainer
    static void close() throws IOException {
        store.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Arbitraries.integers().between(0, 4).flatMap(kind ->
                Arbitraries.integers().between(0, 3).map(arg -> new Step(kind, arg)));
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 100)
    void receives_keepEachGroupInSendOrder_andNeverOverlapAGroup(@ForAll("steps") List<Step> steps) {
        QueueStore queues = store.queues();
        String q = "p" + TRIES.incrementAndGet() + ".fifo";
        queues.put(new QueueConfig(q, VISIBILITY, Duration.ZERO, Duration.ofDays(4), 1024, Optional.empty(),
                CLOCK.instant()));
        Map<String, List<String>> pending = new HashMap<>(); // per group, undeleted ids in send order
        Map<String, QueueMessage> inFlight = new HashMap<>();
        int sent = 0;
        for (Step s : steps) {
            switch (s.kind()) {
                case 0 -> {
                    String id = q + "-" + sent++;
                    String group = "g" + s.arg() % 2; // few groups, so they often collide
                    queues.send(q, List.of(new QueueMessage.Outgoing(id, "x", Map.of(), CLOCK.instant(),
                            CLOCK.instant(), Optional.of(group), Optional.of(id), Optional.empty(), Optional.empty())));
                    pending.computeIfAbsent(group, g -> new ArrayList<>()).add(id);
                }
                case 1 -> receive(queues, q, s.arg() + 1, pending, inFlight);
                case 2 -> settle(inFlight, s.arg(), m -> {
                    assertThat(queues.deleteMessage(q, m.receiptHandle().orElseThrow())).isTrue();
                    pending.get(m.fifo().orElseThrow().groupId()).remove(m.id());
                });
                case 3 -> settle(inFlight, s.arg(), m -> assertThat(queues.changeVisibility(q,
                        m.receiptHandle().orElseThrow(), CLOCK.instant(), Optional.empty())).isTrue());
                default -> {
                    CLOCK.advance(VISIBILITY);
                    inFlight.clear();
                }
            }
        }
        queues.delete(q);
    }

    private static void receive(QueueStore queues, String q, int max, Map<String, List<String>> pending,
            Map<String, QueueMessage> inFlight) {
        Set<String> lockedBefore = new HashSet<>();
        inFlight.values().forEach(m -> lockedBefore.add(m.fifo().orElseThrow().groupId()));
        Map<String, Integer> next = new HashMap<>(); // per group, how many of its pending ids this receive used
        for (QueueMessage m : queues.receive(q, CLOCK.instant(), VISIBILITY, max)) {
            String group = m.fifo().orElseThrow().groupId();
            assertThat(lockedBefore).as("group in flight before the receive").doesNotContain(group);
            int i = next.merge(group, 1, Integer::sum) - 1;
            assertThat(m.id()).as("next of group " + group).isEqualTo(pending.get(group).get(i));
            inFlight.put(m.id(), m);
        }
    }

    /** Deletes or releases one in-flight message, if any, chosen by {@code pick}. */
    private static void settle(Map<String, QueueMessage> inFlight, int pick,
            java.util.function.Consumer<QueueMessage> action) {
        if (inFlight.isEmpty()) {
            return;
        }
        List<String> ids = inFlight.keySet().stream().sorted().toList();
        QueueMessage m = inFlight.remove(ids.get(pick % ids.size()));
        action.accept(m);
    }
}
