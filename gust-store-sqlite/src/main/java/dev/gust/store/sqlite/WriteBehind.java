package dev.gust.store.sqlite;

import dev.gust.store.GustStoreException;
import dev.gust.store.InvocationRecord;
import dev.gust.store.LogLine;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Takes invocation records and log lines off the request path: callers put rows in a bounded
 * queue and one writer thread commits them in batches (whatever has queued up while the last batch
 * was written, up to {@link #MAX_BATCH} rows, in one transaction). {@link #flush} returns once
 * every row enqueued before it is committed. Any thread may call {@link #enqueue} and
 * {@link #flush}; {@link #close} drains the queue and stops the writer.
 */
final class WriteBehind implements AutoCloseable {
    static final int MAX_BATCH = 500;
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(WriteBehind.class.getName());

    /** What the queue holds. */
    sealed interface Item permits Row, Flush, Stop {
    }

    /** A row to insert: an {@link InvocationRecord}, a {@link LogLine} or a {@link dev.gust.store.ChildWork}. */
    record Row(Object value) implements Item {
    }

    /** Completes when everything queued before it is committed. */
    record Flush(CompletableFuture<Void> done) implements Item {
    }

    /** Tells the writer to finish once every accepted row is committed. */
    record Stop() implements Item {
    }

    /** Inserts rows on a connection inside the caller's transaction. */
    @FunctionalInterface
    interface RowWriter {
        void insert(Connection c, List<Object> rows) throws SQLException;
    }

    private final Database db;
    private final RowWriter rows;
    private final BlockingQueue<Item> queue;
    private final Duration offerTimeout;
    // rows accepted but not yet committed; reads skip the flush when it is zero
    private final AtomicLong pending = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    WriteBehind(Database db, RowWriter rows, int capacity, Duration offerTimeout) {
        this.db = db;
        this.rows = rows;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.offerTimeout = offerTimeout;
        this.writer = Thread.ofPlatform().name("gust-store-writer").daemon().unstarted(this::run);
        writer.start();
    }

    /**
     * Queues a row; blocks while the queue is full, up to the offer timeout, rather than drop it.
     *
     * @throws GustStoreException when the queue stayed full (the writer cannot keep up)
     * @throws IllegalStateException after {@link #close}
     */
    void enqueue(Object row) {
        // counted before the closed check, so close() waits for a row that got past it
        pending.incrementAndGet();
        boolean queued = false;
        try {
            if (closed) {
                throw new IllegalStateException("the store " + db + " is closed");
            }
            queued = offer(new Row(row));
        } finally {
            if (!queued) {
                pending.decrementAndGet();
            }
        }
    }

    /** Waits until every row enqueued before this call is committed. */
    void flush() {
        if (pending.get() == 0) {
            return;
        }
        Flush f = new Flush(new CompletableFuture<>());
        offer(f);
        await(f.done());
    }

    private boolean offer(Item item) {
        try {
            if (!queue.offer(item, offerTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new GustStoreException("the write queue of " + db + " stayed full for " + offerTimeout.toMillis()
                        + " ms (" + queue.size() + " items waiting); the database cannot keep up");
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GustStoreException("interrupted while queueing a write to " + db, e);
        }
    }

    private void await(CompletableFuture<Void> done) {
        try {
            done.get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GustStoreException("interrupted while waiting for writes to " + db, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new GustStoreException("pending writes to " + db + " were not committed within "
                    + MAX_WAIT.toSeconds() + " s", e);
        }
    }

    private void run() {
        List<Item> batch = new ArrayList<>(MAX_BATCH);
        boolean stopping = false;
        while (!stopping || pending.get() > 0) {
            Item first = take(stopping);
            if (first == null) {
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            stopping |= process(batch);
            batch.clear();
        }
    }

    private Item take(boolean stopping) {
        try {
            // once stopping, poll: a row counted in pending may still be on its way into the queue
            return stopping ? queue.poll(10, TimeUnit.MILLISECONDS) : queue.take();
        } catch (InterruptedException e) {
            // nobody interrupts the writer but the JVM going down; what is queued is lost then
            Thread.currentThread().interrupt();
            throw new IllegalStateException("store writer interrupted", e);
        }
    }

    /** Commits the batch's rows, then releases its flushes; returns whether it held a stop. */
    private boolean process(List<Item> batch) {
        List<Object> values = new ArrayList<>(batch.size());
        boolean stop = false;
        for (Item item : batch) {
            switch (item) {
                case Row r -> values.add(r.value());
                case Flush f -> { }
                case Stop s -> stop = true;
            }
        }
        commit(values);
        batch.stream().filter(i -> i instanceof Flush).forEach(i -> ((Flush) i).done().complete(null));
        return stop;
    }

    private void commit(List<Object> values) {
        if (values.isEmpty()) {
            return;
        }
        try {
            db.write(c -> { rows.insert(c, values); return null; });
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a batch of " + values.size() + " rows failed; retrying them one by one", e);
            values.forEach(this::commitAlone);
        } finally {
            pending.addAndGet(-values.size());
        }
    }

    private void commitAlone(Object value) {
        try {
            db.write(c -> { rows.insert(c, List.of(value)); return null; });
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "could not store " + value + "; it is lost", e);
        }
    }

    /** Stops accepting rows, commits everything accepted, and waits for the writer to finish. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        offer(new Stop());
        try {
            if (!writer.join(MAX_WAIT)) {
                LOG.log(System.Logger.Level.ERROR, "the store writer of " + db + " did not finish within "
                        + MAX_WAIT.toSeconds() + " s; " + pending.get() + " rows may be lost");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GustStoreException("interrupted while draining writes to " + db, e);
        }
    }
}
