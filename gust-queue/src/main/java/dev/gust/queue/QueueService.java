package dev.gust.queue;

import dev.gust.store.QueueConfig;
import dev.gust.store.QueueMessage;
import dev.gust.store.QueueStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The {@link Queues} over a {@link QueueStore}. Thread-safe. */
final class QueueService implements Queues {
    static final Duration DEFAULT_VISIBILITY = Duration.ofSeconds(30);
    static final Duration DEFAULT_RETENTION = Duration.ofDays(4);
    /** How often a long poll re-checks without a send: delays end and the clock moves without a signal. */
    static final long TICK_MILLIS = 50;
    private final QueueStore store;
    private final InstantSource clock;
    private final Waiters waiters = new Waiters();

    QueueService(QueueStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public QueueInfo put(QueueSettings s) {
        String name = Validation.name("name", s.name());
        QueueConfig config = new QueueConfig(name,
                Validation.range("visibilityTimeout", s.visibilityTimeout().orElse(DEFAULT_VISIBILITY), Duration.ZERO,
                        Validation.MAX_VISIBILITY),
                Validation.range("delay", s.delay().orElse(Duration.ZERO), Duration.ZERO, Validation.MAX_DELAY),
                Validation.range("retention", s.retention().orElse(DEFAULT_RETENTION), Validation.MIN_RETENTION,
                        Validation.MAX_RETENTION),
                Validation.range("maxMessageBytes", s.maxMessageBytes().orElse(MAX_MESSAGE_BYTES), 1, MAX_MESSAGE_BYTES),
                redrive(name, s), store.get(name).map(QueueConfig::createdAt).orElse(clock.instant()),
                s.trigger().map(QueueService::trigger));
        store.put(config);
        return info(config);
    }

    private Optional<QueueConfig.Redrive> redrive(String name, QueueSettings s) {
        if (s.deadLetterQueue().isEmpty() != s.maxReceiveCount().isEmpty()) {
            throw QueueException.invalid("deadLetterQueue and maxReceiveCount go together: set both or neither");
        }
        if (s.deadLetterQueue().isEmpty()) {
            return Optional.empty();
        }
        String dlq = Validation.name("deadLetterQueue", s.deadLetterQueue().get());
        if (dlq.equals(name)) {
            throw QueueException.invalid("deadLetterQueue may not be the queue itself (" + name + ")");
        }
        if (store.get(dlq).isEmpty()) {
            throw QueueException.invalid("deadLetterQueue " + dlq + " does not exist; create it first");
        }
        int max = Validation.range("maxReceiveCount", s.maxReceiveCount().get(), 1, Validation.MAX_RECEIVE_COUNT);
        return Optional.of(new QueueConfig.Redrive(dlq, max));
    }

    private static QueueConfig.Trigger trigger(QueueConfig.Trigger t) {
        if (t.function().isEmpty()) {
            throw QueueException.invalid("trigger.function is required: the function that consumes the queue");
        }
        Validation.range("trigger.batchSize", t.batchSize(), 1, MAX_BATCH);
        Validation.range("trigger.batchingWindow", t.batchingWindow(), Duration.ZERO, MAX_WAIT);
        Validation.range("trigger.maxConcurrency", t.maxConcurrency(), 2, 100);
        return t;
    }

    @Override
    public List<QueueInfo> list() {
        return store.list().stream().map(this::info).toList();
    }

    @Override
    public QueueInfo get(String name) {
        return info(config(name));
    }

    private QueueInfo info(QueueConfig config) {
        Instant now = clock.instant();
        QueueMessage.Counts counts = store.counts(config.name(), now);
        Duration age = counts.oldestSentAt().map(t -> Duration.between(t, now)).filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
        return new QueueInfo(config, counts, age);
    }

    private QueueConfig config(String name) {
        return store.get(name).orElseThrow(() -> QueueException.unknownQueue(name));
    }

    @Override
    public void delete(String name) {
        config(name);
        List<String> users = store.list().stream()
                .filter(q -> q.redrive().map(r -> r.deadLetterQueue().equals(name)).orElse(false))
                .map(QueueConfig::name).toList();
        if (!users.isEmpty()) {
            throw new QueueException(QueueException.Kind.CONFLICT, "queue " + name
                    + " is the dead-letter queue of " + String.join(", ", users) + "; change or delete those first");
        }
        store.delete(name);
        waiters.signal(name);
    }

    @Override
    public int purge(String name) {
        config(name);
        return store.purge(name);
    }

    @Override
    public String send(String queue, SendEntry entry) {
        QueueConfig config = config(queue);
        QueueMessage.Outgoing out = outgoing(config, entry, clock.instant());
        store.send(queue, List.of(out));
        waiters.signal(queue);
        return out.id();
    }

    @Override
    public List<SendEntry.Result> sendBatch(String queue, List<SendEntry> entries) {
        QueueConfig config = config(queue);
        checkBatch("entries", entries.size());
        Set<String> ids = new HashSet<>();
        Instant now = clock.instant();
        List<QueueMessage.Outgoing> accepted = new ArrayList<>();
        List<SendEntry.Result> results = new ArrayList<>();
        for (SendEntry e : entries) {
            if (!ids.add(e.entryId())) {
                throw QueueException.invalid("entries: id " + e.entryId() + " appears twice; ids must be unique");
            }
            results.add(tryOutgoing(config, e, now, accepted));
        }
        store.send(queue, accepted);
        waiters.signal(queue);
        return results;
    }

    private static SendEntry.Result tryOutgoing(QueueConfig config, SendEntry e, Instant now,
            List<QueueMessage.Outgoing> accepted) {
        try {
            QueueMessage.Outgoing out = outgoing(config, e, now);
            accepted.add(out);
            return new SendEntry.Result(e.entryId(), Optional.of(out.id()), Optional.empty());
        } catch (QueueException failure) {
            return new SendEntry.Result(e.entryId(), Optional.empty(), Optional.of(failure));
        }
    }

    private static void checkBatch(String field, int size) {
        Validation.range(field + " (count)", size, 1, MAX_BATCH);
    }

    private static QueueMessage.Outgoing outgoing(QueueConfig config, SendEntry e, Instant now) {
        Validation.size(e.body(), e.attributes(), config.maxMessageBytes());
        Duration delay = Validation.range("delay", e.delay().orElse(config.delay()), Duration.ZERO,
                Validation.MAX_DELAY);
        return new QueueMessage.Outgoing(UUID.randomUUID().toString(), e.body(), e.attributes(), now, now.plus(delay));
    }

    @Override
    public List<QueueMessage> receive(String queue, int max, Optional<Duration> visibility, Duration wait)
            throws InterruptedException {
        QueueConfig config = config(queue);
        Validation.range("maxMessages", max, 1, MAX_BATCH);
        Duration hide = Validation.range("visibilityTimeout", visibility.orElse(config.visibilityTimeout()),
                Duration.ZERO, Validation.MAX_VISIBILITY);
        Instant deadline = clock.instant().plus(Validation.range("waitTime", wait, Duration.ZERO, MAX_WAIT));
        while (true) {
            long seen = waiters.version(queue);
            Instant now = clock.instant();
            List<QueueMessage> got = store.receive(queue, now, hide, max);
            if (!got.isEmpty() || !now.isBefore(deadline) || waiters.closed()) {
                return got;
            }
            waiters.await(queue, seen, TICK_MILLIS);
        }
    }

    @Override
    public void deleteMessage(String queue, String receiptHandle) {
        config(queue);
        if (!store.deleteMessage(queue, requireHandle(receiptHandle))) {
            throw staleHandle(queue);
        }
    }

    @Override
    public List<Optional<QueueException>> deleteBatch(String queue, List<String> receiptHandles) {
        config(queue);
        checkBatch("receiptHandles", receiptHandles.size());
        List<Optional<QueueException>> out = new ArrayList<>();
        for (String handle : receiptHandles) {
            out.add(store.deleteMessage(queue, requireHandle(handle)) ? Optional.empty()
                    : Optional.of(staleHandle(queue)));
        }
        return out;
    }

    @Override
    public void changeVisibility(String queue, String receiptHandle, Duration timeout) {
        move(queue, receiptHandle, timeout, Optional.empty());
    }

    @Override
    public void release(String queue, String receiptHandle, Duration timeout, String error) {
        move(queue, receiptHandle, timeout, Optional.ofNullable(error));
    }

    private void move(String queue, String receiptHandle, Duration timeout, Optional<String> error) {
        config(queue);
        Validation.range("visibilityTimeout", timeout, Duration.ZERO, Validation.MAX_VISIBILITY);
        if (!store.changeVisibility(queue, requireHandle(receiptHandle), clock.instant().plus(timeout), error)) {
            throw staleHandle(queue);
        }
        if (timeout.isZero()) {
            waiters.signal(queue);
        }
    }

    private static String requireHandle(String handle) {
        if (handle == null || handle.isEmpty()) {
            throw QueueException.invalid("receiptHandle is required: the handle a receive returned");
        }
        return handle;
    }

    private static QueueException staleHandle(String queue) {
        return new QueueException(QueueException.Kind.NOT_FOUND, "no message in " + queue
                + " has this receiptHandle: it was deleted, or received again since (only the latest handle works)");
    }

    @Override
    public int redrive(String deadLetterQueue) {
        config(deadLetterQueue);
        int moved = store.redrive(deadLetterQueue, clock.instant());
        store.list().forEach(q -> waiters.signal(q.name()));
        return moved;
    }

    int waiting() {
        return waiters.waiting();
    }

    @Override
    public void close() {
        waiters.close();
    }
}
