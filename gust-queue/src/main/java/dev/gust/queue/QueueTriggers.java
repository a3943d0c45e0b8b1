package dev.gust.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.common.CorrelationIds;
import dev.gust.common.Ids;
import dev.gust.common.TraceContext;
import dev.gust.runtime.Invocation;
import dev.gust.runtime.InvocationRequest;
import dev.gust.runtime.Invoker;
import dev.gust.runtime.Outcome;
import dev.gust.store.QueueConfig;
import dev.gust.store.QueueMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queue triggers: one long-polling reader per queue with a trigger, handing batches to its
 * function with at most {@code maxConcurrency} invocations running. A message is deleted when the
 * invocation succeeds and does not list it in {@code batchItemFailures}; otherwise it is left to
 * become visible again when its visibility timeout ends, with the error kept for the dead-letter
 * queue. In a FIFO queue a message behind a failed one of its group is kept too, and the store's
 * group lock keeps a group out of every other batch while one of its messages is in flight, so
 * each group is handled in send order. The invocation continues the trace and correlation id of
 * the batch's first message. Thread-safe.
 */
public final class QueueTriggers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueTriggers.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Queues queues;
    private final Invoker invoker;
    private final InstantSource clock;
    private final Map<String, Reader> readers = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong settled = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean closed;

    /** @return how many batches were handed to functions and settled (deleted or released) */
    public long settledBatches() {
        return settled.get();
    }

    /**
     * @param queues the queues to read
     * @param invoker runs the functions
     * @param clock the batching window's clock
     */
    public QueueTriggers(Queues queues, Invoker invoker, InstantSource clock) {
        this.queues = queues;
        this.invoker = invoker;
        this.clock = clock;
    }

    /** Starts readers for queues that gained a trigger, and restarts those whose trigger changed. */
    public void refresh() {
        if (closed) {
            return;
        }
        Map<String, QueueConfig.Trigger> wanted = new HashMap<>();
        queues.list().forEach(q -> q.config().trigger().ifPresent(t -> wanted.put(q.config().name(), t)));
        readers.entrySet().removeIf(e -> {
            boolean stale = !e.getValue().trigger.equals(wanted.get(e.getKey()));
            if (stale) {
                e.getValue().stop();
            }
            return stale;
        });
        wanted.forEach((queue, t) -> readers.computeIfAbsent(queue, q -> new Reader(q, t).start()));
    }

    @Override
    public void close() {
        closed = true;
        readers.values().forEach(Reader::stop);
        readers.clear();
    }

    /** Reads one queue for one function. */
    private final class Reader implements Runnable {
        private final String queue;
        private final QueueConfig.Trigger trigger;
        private final Semaphore running;
        private volatile boolean stopped;
        private Thread thread;

        Reader(String queue, QueueConfig.Trigger trigger) {
            this.queue = queue;
            this.trigger = trigger;
            this.running = new Semaphore(trigger.maxConcurrency());
        }

        Reader start() {
            thread = Thread.ofVirtual().name("gust-queue-trigger-" + queue).start(this);
            return this;
        }

        void stop() {
            stopped = true;
            if (thread != null) {
                thread.interrupt();
            }
        }

        @Override
        public void run() {
            try {
                while (!stopped && !closed) {
                    running.acquire();
                    List<QueueMessage> batch = batch();
                    if (batch.isEmpty()) {
                        running.release();
                        continue;
                    }
                    Thread.ofVirtual().name("gust-queue-invoke-" + queue).start(() -> {
                        try {
                            deliver(batch);
                        } finally {
                            running.release();
                        }
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (QueueException e) {
                LOG.info("queue trigger of {} stops: {}", queue, e.getMessage());
            }
        }

        private List<QueueMessage> batch() throws InterruptedException {
            List<QueueMessage> batch = new ArrayList<>(queues.receive(queue, trigger.batchSize(), Optional.empty(),
                    Queues.MAX_WAIT));
            if (batch.isEmpty() || stopped || closed) {
                return batch;
            }
            Instant windowEnd = clock.instant().plus(trigger.batchingWindow());
            while (batch.size() < trigger.batchSize() && clock.instant().isBefore(windowEnd) && !stopped && !closed) {
                Duration left = Duration.between(clock.instant(), windowEnd);
                batch.addAll(queues.receive(queue, trigger.batchSize() - batch.size(), Optional.empty(), left));
            }
            return batch;
        }

        private void deliver(List<QueueMessage> batch) {
            try {
                QueueMessage first = batch.get(0);
                Invocation inv = invoker.invoke(new InvocationRequest(Ids.timeOrdered(clock), trigger.function(),
                        event(batch), "queue", TraceContext.continueFrom(first.traceparent()),
                        CorrelationIds.acceptOrCreate(first.correlationId())));
                switch (inv.outcome()) {
                    case Outcome.Success s -> settle(batch, kept(batch, failures(s.payload())));
                    case Outcome.Failure f -> settle(batch, keepAll(batch, f.errorType() + ": " + f.message()));
                }
            } catch (RuntimeException e) {
                LOG.warn("queue trigger of {} could not deliver a batch to {}", queue, trigger.function(), e);
            }
        }

        /** Deletes the batch's messages but those kept, which become visible after the visibility timeout. */
        private void settle(List<QueueMessage> batch, Map<String, String> kept) {
            List<String> done = batch.stream().filter(m -> !kept.containsKey(m.id()))
                    .map(m -> m.receiptHandle().orElseThrow()).toList();
            try {
                if (!done.isEmpty()) {
                    queues.deleteBatch(queue, done); // one transaction; a stale handle moved on already
                }
                if (!kept.isEmpty()) {
                    release(batch, kept, queues.get(queue).config().visibilityTimeout());
                }
            } catch (QueueException e) {
                LOG.debug("batch of {} could not be settled: {}", queue, e.getMessage());
            }
            settled.incrementAndGet();
        }

        private void release(List<QueueMessage> batch, Map<String, String> kept, Duration visibility) {
            for (QueueMessage m : batch) {
                if (kept.containsKey(m.id())) {
                    try {
                        queues.release(queue, m.receiptHandle().orElseThrow(), visibility, kept.get(m.id()));
                    } catch (QueueException e) {
                        LOG.debug("message {} of {} moved on before it was released: {}", m.id(), queue, e.getMessage());
                    }
                }
            }
        }
    }

    /**
     * Lambda's rule for partial batch failures: the failed messages are kept and, so that a FIFO
     * group stays in order, so is every later message of a group in which one failed.
     *
     * @param failed the ids the function listed, each with the error to keep with it
     * @return the ids of the messages to keep, with the error to keep with each
     */
    static Map<String, String> kept(List<QueueMessage> batch, Map<String, String> failed) {
        Map<String, String> kept = new LinkedHashMap<>();
        Map<String, String> brokenGroups = new HashMap<>();
        for (QueueMessage m : batch) {
            Optional<String> group = m.fifo().map(QueueMessage.Fifo::groupId);
            if (failed.containsKey(m.id())) {
                kept.put(m.id(), failed.get(m.id()));
                group.ifPresent(g -> brokenGroups.putIfAbsent(g, m.id()));
            } else if (group.isPresent() && brokenGroups.containsKey(group.get())) {
                kept.put(m.id(), "kept in order behind message " + brokenGroups.get(group.get())
                        + " of group " + group.get() + ", listed in batchItemFailures");
            }
        }
        return kept;
    }

    private static Map<String, String> keepAll(List<QueueMessage> batch, String error) {
        Map<String, String> kept = new LinkedHashMap<>();
        batch.forEach(m -> kept.put(m.id(), error));
        return kept;
    }

    static byte[] event(List<QueueMessage> batch) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode records = root.putArray("Records");
        for (QueueMessage m : batch) {
            ObjectNode r = records.addObject();
            r.put("messageId", m.id());
            r.put("receiptHandle", m.receiptHandle().orElse(""));
            r.put("body", m.body());
            ObjectNode attributes = r.putObject("attributes");
            attributes.put("ApproximateReceiveCount", String.valueOf(m.receiveCount()));
            attributes.put("SentTimestamp", String.valueOf(m.sentAt().toEpochMilli()));
            m.fifo().ifPresent(f -> attributes.put("MessageGroupId", f.groupId())
                    .put("SequenceNumber", String.valueOf(f.sequenceNumber()))
                    .put("MessageDeduplicationId", f.deduplicationId()));
            ObjectNode user = r.putObject("messageAttributes");
            m.attributes().forEach(user::put);
            r.put("eventSource", "gust:queue");
            r.put("eventSourceARN", m.queue());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("unserialisable queue event", e);
        }
    }

    /** The most of a function's own reason kept with a failed message. */
    static final int MAX_REASON = 1024;

    /**
     * @return the message ids a handler reported as failed, each with the error kept with it: "listed
     *     in batchItemFailures", plus the entry's optional {@code reason} (a Gust extension); an
     *     unreadable answer fails none
     */
    static Map<String, String> failures(byte[] payload) {
        Map<String, String> failed = new LinkedHashMap<>();
        try {
            JSON.readTree(payload).path("batchItemFailures").forEach(f -> failed.put(f.path("itemIdentifier").asText(),
                    "listed in batchItemFailures" + reason(f.path("reason"))));
        } catch (IOException | RuntimeException e) {
            return failed;
        }
        return failed;
    }

    private static String reason(JsonNode reason) {
        if (!reason.isTextual() || reason.asText().isBlank()) {
            return "";
        }
        String text = reason.asText().strip();
        return ": " + (text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text);
    }
}
