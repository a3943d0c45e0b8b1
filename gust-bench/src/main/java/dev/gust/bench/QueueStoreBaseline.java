package dev.gust.bench;

import dev.gust.bench.Stats.Figure;
import dev.gust.queue.QueueSettings;
import dev.gust.queue.Queues;
import dev.gust.queue.SendEntry;
import dev.gust.store.QueueMessage;
import dev.gust.store.Store;
import dev.gust.store.sqlite.SqliteStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The baseline for the queue figures: the same {@link Queues} service over its own SQLite file
 * (the node's settings: WAL, {@code synchronous=NORMAL}), with no node, HTTP or function, driven
 * the way a trigger at batch 10 drives it (receive 10, then delete each), by one thread, from
 * {@value #DEPTH} messages deep. Also times one receive of 10 near that depth and near empty, so a
 * cost that grows with the queue's depth shows in every run.
 */
final class QueueStoreBaseline {
    static final int DEPTH = 10_000;
    private static final int ROUNDS = 3;
    private static final int TIMED_RECEIVES = 50;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Path dir;

    QueueStoreBaseline(Path dir) {
        this.dir = dir;
    }

    void run(Map<String, Figure> figures) throws InterruptedException {
        List<Double> rate = new ArrayList<>();
        List<Double> deep = new ArrayList<>();
        List<Double> shallow = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        try (Store store = SqliteStore.open(dir.resolve("baseline.db"), InstantSource.system());
                Queues queues = Queues.create(store.queues(), InstantSource.system())) {
            for (int r = 0; r < ROUNDS + 1; r++) {
                double[] round = round(queues, "baseline-" + r);
                if (r > 0) { // the first round warms the code paths
                    rate.add(round[0]);
                    deep.add(round[1]);
                    shallow.add(round[2]);
                    cpu.add(round[3]);
                }
            }
        }
        figures.put("queue.store", Figure.of("queue store alone, batch 10, " + DEPTH + " deep", "msg/s", rate));
        figures.put("queue.store.cpu", Figure.of("  CPU per msg: store alone (receive + delete)", "us", cpu));
        figures.put("queue.store.deep", Figure.of("  one receive of 10 at ~" + DEPTH + " deep", "us", deep));
        figures.put("queue.store.shallow", Figure.of("  one receive of 10 at < 500 deep", "us", shallow));
    }

    /**
     * @return msg/s draining the queue, the median receive in µs near full and near empty, and the
     *     draining thread's CPU per message in µs (SQLite runs on the calling thread)
     */
    private static double[] round(Queues queues, String name) throws InterruptedException {
        queues.put(QueueSettings.named(name));
        List<SendEntry> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(new SendEntry(Integer.toString(i), "{\"name\":\"Ada\"}", Map.of(), Optional.empty()));
        }
        for (int i = 0; i < DEPTH / 10; i++) {
            queues.sendBatch(name, ten);
        }
        int receives = DEPTH / 10;
        long[] receiveNanos = new long[receives];
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < receives; i++) {
            long r0 = System.nanoTime();
            List<QueueMessage> got = queues.receive(name, 10, Optional.empty(), Duration.ZERO);
            receiveNanos[i] = System.nanoTime() - r0;
            got.forEach(m -> queues.deleteMessage(name, m.receiptHandle().orElseThrow()));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuMicros = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e3 / DEPTH;
        if (queues.get(name).counts().visible() != 0) {
            throw new IllegalStateException("the baseline queue " + name + " was not drained");
        }
        queues.delete(name);
        return new double[] {DEPTH / seconds, medianMicros(receiveNanos, 0), medianMicros(receiveNanos,
                receives - TIMED_RECEIVES), cpuMicros};
    }

    private static double medianMicros(long[] nanos, int from) {
        return Stats.percentile(Arrays.copyOfRange(nanos, from, from + TIMED_RECEIVES), 50) / 1e3;
    }
}
