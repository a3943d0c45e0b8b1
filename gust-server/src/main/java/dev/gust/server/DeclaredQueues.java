package dev.gust.server;

import dev.gust.manifest.QueueManifest;
import dev.gust.queue.QueueException;
import dev.gust.queue.QueueSettings;
import dev.gust.queue.Queues;
import dev.gust.store.QueueConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates or updates the queues a {@code gust.yaml} declares. A queue dropped from the manifest
 * is kept with its messages: deleting one is always explicit.
 */
final class DeclaredQueues {
    private final Queues queues;
    private final Runnable changed;

    /** @param changed told after the queues were put, so triggers follow */
    DeclaredQueues(Queues queues, Runnable changed) {
        this.queues = queues;
        this.changed = changed;
    }

    /** Checks every dead-letter queue exists or is declared, then puts dead-letter queues first. */
    void apply(Map<String, QueueManifest> declared) {
        for (QueueManifest q : declared.values()) {
            q.deadLetterQueue().filter(d -> !declared.containsKey(d) && !exists(d)).ifPresent(d -> {
                throw new ApiException(400, "InvalidManifest", "gust.yaml has 1 problem(s)", List.of(Map.of(
                        "path", "queues." + q.name() + ".dead-letter-queue",
                        "message", "no queue named " + d + "; declare it under queues or create it first")));
            });
        }
        for (QueueManifest q : inOrder(declared)) {
            try {
                queues.put(new QueueSettings(q.name(), q.visibilityTimeout(), q.delay(), q.retention(),
                        q.maxMessageBytes(), q.deadLetterQueue(), q.maxReceiveCount(), q.trigger().map(t ->
                        new QueueConfig.Trigger(t.function(), t.batchSize(), t.batchingWindow(), t.maxConcurrency())))
                        .withFifo(Optional.empty(), Optional.of(q.contentBasedDeduplication())));
            } catch (QueueException e) {
                throw new ApiException(400, "InvalidManifest", "gust.yaml has 1 problem(s)", List.of(Map.of(
                        "path", "queues." + q.name(), "message", e.getMessage())));
            }
        }
        if (!declared.isEmpty()) {
            changed.run();
        }
    }

    /** @return the queues whose trigger invokes {@code function}, as {@code queue trigger of Q} */
    List<String> usersOf(String function) {
        return queues.list().stream().filter(q -> q.config().trigger().map(t -> t.function().equals(function))
                .orElse(false)).map(q -> "queue trigger of " + q.config().name()).toList();
    }

    /** @return every queue on the node once {@code declared} is applied: what targets may name */
    Set<String> namesAfter(Map<String, QueueManifest> declared) {
        Set<String> names = new HashSet<>(declared.keySet());
        queues.list().forEach(q -> names.add(q.config().name()));
        return names;
    }

    private boolean exists(String name) {
        try {
            queues.get(name);
            return true;
        } catch (QueueException e) {
            return false;
        }
    }

    /** Dead-letter queues before the queues that use them; a cycle keeps file order. */
    private static List<QueueManifest> inOrder(Map<String, QueueManifest> declared) {
        Map<String, QueueManifest> left = new LinkedHashMap<>(declared);
        List<QueueManifest> out = new ArrayList<>();
        while (!left.isEmpty()) {
            QueueManifest next = left.values().stream()
                    .filter(q -> q.deadLetterQueue().map(d -> !left.containsKey(d)).orElse(true))
                    .findFirst().orElse(left.values().iterator().next());
            out.add(next);
            left.remove(next.name());
        }
        return out;
    }
}
