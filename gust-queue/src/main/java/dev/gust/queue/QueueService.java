package dev.gust.queue;

import dev.gust.store.QueueConfig;
import dev.gust.store.QueueMessage;
import dev.gust.store.QueueStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@link Queues} over a {@link QueueStore}: validation and long polling here, message state,
 * FIFO order and deduplication in the store. Thread-safe.
 */
final class QueueService implements Queues {
    static final Duration DEFAULT_VISIBILITY = Duration.ofSeconds(30);
    static final Duration DEFAULT_RETENTION = Duration.ofDays(4);
    /** A waiting receive never sleeps less, so a wake time just passed cannot make it spin. */
    static final Duration MIN_PAUSE = Duration.ofMillis(1);
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
                s.trigger().map(QueueService::trigger), contentBasedDeduplication(name, s));
        store.put(config);
        return info(config);
    }

    /** As SQS: a FIFO attribute must agree with the name; content-based deduplication is FIFO only. */
    private static boolean contentBasedDeduplication(String name, QueueSettings s) {
        boolean fifo = QueueConfig.isFifo(name);
        if (s.fifo().isPresent() && s.fifo().get() != fifo) {
            throw QueueException.invalid("fifo " + s.fifo().get() + " contradicts the name " + name
                    + ": a queue is FIFO exactly when its name ends in .fifo");
        }
        boolean contentBased = s.contentBasedDeduplication().orElse(false);
        if (contentBased && !fifo) {
            throw QueueException.invalid("contentBasedDeduplication is for FIFO queues only, and " + name
                    + " is a standard queue (a FIFO queue's name ends in .fifo)");
        }
        return contentBased;
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
        if (QueueConfig.isFifo(dlq) != QueueConfig.isFifo(name)) {
            throw QueueException.invalid("deadLetterQueue " + dlq + " is " + kind(dlq) + " but " + name + " is "
                    + kind(name) + ": a FIFO queue's dead-letter queue must be FIFO, a standard queue's standard");
        }
        int max = Validation.range("maxReceiveCount", s.maxReceiveCount().get(), 1, Validation.MAX_RECEIVE_COUNT);
        return Optional.of(new QueueConfig.Redrive(dlq, max));
    }

    private static String kind(String queue) {
        return QueueConfig.isFifo(queue) ? "a FIFO queue" : "a standard queue";
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
    public SendEntry.Sent sendMessage(String queue, SendEntry entry) {
        QueueConfig config = config(queue);
        QueueMessage.Sent sent = store.send(queue, List.of(outgoing(config, entry, clock.instant()))).get(0);
        waiters.signal(queue);
        return sent(config, sent);
    }

    private static SendEntry.Sent sent(QueueConfig config, QueueMessage.Sent s) {
        return new SendEntry.Sent(s.messageId(), config.fifo() ? Optional.of(s.sequenceNumber()) : Optional.empty());
    }

    /** An entry of a batch, checked: the message to send or why not. */
    private record Checked(SendEntry entry, Optional<QueueMessage.Outgoing> out, Optional<QueueException> error) {
    }

    @Override
    public List<SendEntry.Result> sendBatch(String queue, List<SendEntry> entries) {
        QueueConfig config = config(queue);
        checkBatch("entries", entries.size());
        Set<String> ids = new HashSet<>();
        Instant now = clock.instant();
        List<Checked> checked = new ArrayList<>();
        for (SendEntry e : entries) {
            if (!ids.add(e.entryId())) {
                throw QueueException.invalid("entries: id " + e.entryId() + " appears twice; ids must be unique");
            }
            checked.add(check(config, e, now));
        }
        List<QueueMessage.Outgoing> accepted = checked.stream().flatMap(c -> c.out().stream()).toList();
        Iterator<QueueMessage.Sent> sent = store.send(queue, accepted).iterator();
        waiters.signal(queue);
        List<SendEntry.Result> results = new ArrayList<>();
        for (Checked c : checked) {
            results.add(c.out().isEmpty() ? new SendEntry.Result(c.entry().entryId(), Optional.empty(), c.error())
                    : result(c.entry(), sent(config, sent.next())));
        }
        return results;
    }

    private static SendEntry.Result result(SendEntry e, SendEntry.Sent sent) {
        return new SendEntry.Result(e.entryId(), Optional.of(sent.messageId()), Optional.empty(),
                sent.sequenceNumber());
    }

    private static Checked check(QueueConfig config, SendEntry e, Instant now) {
        try {
            return new Checked(e, Optional.of(outgoing(config, e, now)), Optional.empty());
        } catch (QueueException failure) {
            return new Checked(e, Optional.empty(), Optional.of(failure));
        }
    }

    private static void checkBatch(String field, int size) {
        Validation.range(field + " (count)", size, 1, MAX_BATCH);
    }

    private static QueueMessage.Outgoing outgoing(QueueConfig config, SendEntry e, Instant now) {
        Validation.size(e.body(), e.attributes(), config.maxMessageBytes());
        e.traceparent().ifPresent(Validation::traceparent);
        e.correlationId().ifPresent(Validation::correlationId);
        Optional<String> deduplicationId = config.fifo() ? Optional.of(fifoChecks(config, e)) : standardChecks(config, e);
        Duration delay = Validation.range("delay", e.delay().orElse(config.delay()), Duration.ZERO,
                Validation.MAX_DELAY);
        return new QueueMessage.Outgoing(UUID.randomUUID().toString(), e.body(), e.attributes(), now, now.plus(delay),
                e.groupId(), deduplicationId, e.traceparent(), e.correlationId());
    }

    private static Optional<String> standardChecks(QueueConfig config, SendEntry e) {
        String only = " is for FIFO queues only, and " + config.name() + " is a standard queue";
        if (e.groupId().isPresent()) {
            throw QueueException.invalid("groupId" + only);
        }
        if (e.deduplicationId().isPresent()) {
            throw QueueException.invalid("deduplicationId" + only);
        }
        return Optional.empty();
    }

    /** @return the deduplication id: the sender's, else the body's SHA-256 when the queue allows it */
    private static String fifoChecks(QueueConfig config, SendEntry e) {
        Validation.messageId("groupId", e.groupId().orElseThrow(() -> QueueException.invalid("groupId is required by"
                + " the FIFO queue " + config.name() + ": the message group, whose messages are received in order")));
        if (e.delay().isPresent()) {
            throw QueueException.invalid("delay: the FIFO queue " + config.name()
                    + " takes no per-message delay; set the queue's delay instead");
        }
        if (e.deduplicationId().isPresent()) {
            return Validation.messageId("deduplicationId", e.deduplicationId().get());
        }
        if (!config.contentBasedDeduplication()) {
            throw QueueException.invalid("deduplicationId is required by the FIFO queue " + config.name()
                    + ", which has no contentBasedDeduplication");
        }
        return sha256(e.body());
    }

    private static String sha256(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
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
            waiters.await(queue, seen, pause(now, deadline, store.nextVisibleAt(queue, now)));
        }
    }

    /**
     * How long a waiting receive sleeps before looking again, unless a send or visibility change
     * wakes it: until the next hidden message is due or the deadline, but at most {@link #REPOLL},
     * since the clock may be a different one than the sleeping thread's (a test's manual clock).
     */
    static Duration pause(Instant now, Instant deadline, Optional<Instant> nextVisible) {
        Instant wake = nextVisible.filter(t -> t.isBefore(deadline)).orElse(deadline);
        Duration d = Duration.between(now, wake);
        return d.compareTo(REPOLL) > 0 ? REPOLL : d.compareTo(MIN_PAUSE) < 0 ? MIN_PAUSE : d;
    }

    @Override
    public void deleteMessage(String queue, String receiptHandle) {
        config(queue);
        if (!store.deleteMessage(queue, requireHandle(receiptHandle))) {
            throw staleHandle(queue);
        }
        waiters.signal(queue); // a deleted FIFO message may unlock its group
    }

    @Override
    public List<Optional<QueueException>> deleteBatch(String queue, List<String> receiptHandles) {
        config(queue);
        checkBatch("receiptHandles", receiptHandles.size());
        receiptHandles.forEach(QueueService::requireHandle);
        List<Boolean> deleted = store.deleteMessages(queue, receiptHandles);
        waiters.signal(queue);
        return deleted.stream().map(d -> d ? Optional.<QueueException>empty() : Optional.of(staleHandle(queue))).toList();
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
        waiters.signal(queue); // a waiting receive may now have something sooner to wait for
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
