package dev.gust.store.sqlite;

import dev.gust.store.QueueConfig;
import dev.gust.store.QueueMessage;
import dev.gust.store.QueueStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Queues in tables of queues, messages and FIFO deduplication ids, written straight through (never
 * buffered). Sequence numbers come from one counter over all queues, committed with the messages
 * that take them. Thread-safe.
 */
final class SqliteQueues implements QueueStore {
    private static final String QUEUE_COLUMNS = "name, visibility_ns, delay_ns, retention_ns, max_message_bytes,"
            + " dead_letter_queue, max_receive_count, created_ns, trigger, content_based_dedup";
    private static final String MESSAGE_COLUMNS = "id, queue, body, attributes, sent_ns, receive_count,"
            + " receipt_handle, source_queue, last_error, seq, group_id, dedup_id, traceparent, correlation_id";
    /**
     * A FIFO queue's receivable messages: visible, and not held back by a message of their group
     * that is in flight or earlier and still hidden (delayed).
     */
    private static final String FIFO_VISIBLE = "SELECT " + MESSAGE_COLUMNS + " FROM queue_messages m"
            + " WHERE m.queue = ? AND m.visible_ns <= ? AND NOT EXISTS (SELECT 1 FROM queue_messages o"
            + " WHERE o.queue = m.queue AND o.group_id = m.group_id AND o.visible_ns > ?"
            + " AND (o.received = 1 OR o.seq < m.seq)) ORDER BY m.seq LIMIT ?";
    private final Database db;
    private final AtomicLong seq;

    SqliteQueues(Database db) {
        this.db = db;
        this.seq = new AtomicLong(db.read(c -> longQuery(c, "SELECT MAX((SELECT last FROM queue_sequence),"
                + " (SELECT COALESCE(MAX(seq), 0) FROM queue_messages))")));
    }

    @Override
    public void put(QueueConfig q) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO queues (" + QUEUE_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
                    + " visibility_ns = excluded.visibility_ns, delay_ns = excluded.delay_ns,"
                    + " retention_ns = excluded.retention_ns, max_message_bytes = excluded.max_message_bytes,"
                    + " dead_letter_queue = excluded.dead_letter_queue, max_receive_count = excluded.max_receive_count,"
                    + " trigger = excluded.trigger, content_based_dedup = excluded.content_based_dedup")) {
                ps.setString(1, q.name());
                ps.setLong(2, q.visibilityTimeout().toNanos());
                ps.setLong(3, q.delay().toNanos());
                ps.setLong(4, q.retention().toNanos());
                ps.setInt(5, q.maxMessageBytes());
                ps.setString(6, q.redrive().map(QueueConfig.Redrive::deadLetterQueue).orElse(null));
                ps.setObject(7, q.redrive().map(QueueConfig.Redrive::maxReceiveCount).orElse(null));
                ps.setLong(8, Columns.nanos(q.createdAt()));
                ps.setString(9, q.trigger().map(SqliteQueues::triggerJson).orElse(null));
                ps.setInt(10, q.contentBasedDeduplication() ? 1 : 0);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<QueueConfig> get(String name) {
        List<QueueConfig> found = queues("SELECT " + QUEUE_COLUMNS + " FROM queues WHERE name = ?", name);
        return found.stream().findFirst();
    }

    @Override
    public List<QueueConfig> list() {
        return queues("SELECT " + QUEUE_COLUMNS + " FROM queues ORDER BY name");
    }

    private List<QueueConfig> queues(String sql, Object... args) {
        return db.read(c -> {
            try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
                List<QueueConfig> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(queue(rs));
                }
                return out;
            }
        });
    }

    @Override
    public boolean delete(String name) {
        return update("DELETE FROM queues WHERE name = ?", name) > 0;
    }

    @Override
    public int purge(String name) {
        return update("DELETE FROM queue_messages WHERE queue = ?", name);
    }

    @Override
    public List<QueueMessage.Sent> send(String queue, List<QueueMessage.Outgoing> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        return db.write(c -> {
            forgetExpiredIds(c, queue, messages.get(0).sentAt());
            List<QueueMessage.Sent> out = new ArrayList<>();
            for (QueueMessage.Outgoing m : messages) {
                Optional<QueueMessage.Sent> first = m.deduplicationId().isPresent()
                        ? firstSent(c, queue, m.deduplicationId().get(), m.sentAt()) : Optional.empty();
                out.add(first.isPresent() ? first.get() : insert(c, queue, m));
            }
            execute(c, "UPDATE queue_sequence SET last = MAX(last, ?)", seq.get());
            return out;
        });
    }

    private static void forgetExpiredIds(Connection c, String queue, Instant now) throws SQLException {
        execute(c, "DELETE FROM queue_dedup WHERE queue = ? AND expires_ns <= ?", queue, Columns.clampedNanos(now));
    }

    private static Optional<QueueMessage.Sent> firstSent(Connection c, String queue, String dedupId, Instant now)
            throws SQLException {
        try (PreparedStatement ps = prepare(c, "SELECT message_id, seq FROM queue_dedup WHERE queue = ?"
                + " AND dedup_id = ? AND expires_ns > ?", queue, dedupId, Columns.clampedNanos(now));
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new QueueMessage.Sent(rs.getString(1), rs.getLong(2), true))
                    : Optional.empty();
        }
    }

    private QueueMessage.Sent insert(Connection c, String queue, QueueMessage.Outgoing m) throws SQLException {
        long n = seq.incrementAndGet();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO queue_messages (id, queue, body, attributes,"
                + " sent_ns, seq, visible_ns, group_id, dedup_id, traceparent, correlation_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, m.id());
            ps.setString(2, queue);
            ps.setString(3, m.body());
            ps.setString(4, Columns.headersJson(m.attributes()));
            ps.setLong(5, Columns.nanos(m.sentAt()));
            ps.setLong(6, n);
            ps.setLong(7, Columns.clampedNanos(m.visibleAt()));
            Columns.setOptional(ps, 8, m.groupId());
            Columns.setOptional(ps, 9, m.deduplicationId());
            Columns.setOptional(ps, 10, m.traceparent());
            Columns.setOptional(ps, 11, m.correlationId());
            ps.executeUpdate();
        }
        if (m.deduplicationId().isPresent()) {
            execute(c, "INSERT INTO queue_dedup (queue, dedup_id, message_id, seq, expires_ns) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (queue, dedup_id) DO UPDATE SET message_id = excluded.message_id,"
                    + " seq = excluded.seq, expires_ns = excluded.expires_ns", queue, m.deduplicationId().get(),
                    m.id(), n, Columns.clampedNanos(m.sentAt().plus(DEDUPLICATION_INTERVAL)));
        }
        return new QueueMessage.Sent(m.id(), n, false);
    }

    @Override
    public List<QueueMessage> receive(String queue, Instant now, Duration visibility, int max) {
        long at = Columns.clampedNanos(now);
        long until = Columns.clampedNanos(now.plus(visibility));
        return db.write(c -> {
            Optional<QueueConfig> config = queueIn(c, queue);
            if (config.isEmpty()) {
                return List.of();
            }
            dropExpired(c, config.get(), at);
            if (config.get().redrive().isPresent()) {
                deadLetter(c, config.get(), at);
            }
            List<QueueMessage> taken = visible(c, config.get(), at, max);
            return hide(c, taken, until);
        });
    }

    private static void dropExpired(Connection c, QueueConfig q, long at) throws SQLException {
        execute(c, "DELETE FROM queue_messages INDEXED BY queue_messages_sent WHERE queue = ? AND sent_ns <= ?", q.name(),
                at - q.retention().toNanos());
    }

    private static void deadLetter(Connection c, QueueConfig q, long at) throws SQLException {
        QueueConfig.Redrive r = q.redrive().orElseThrow();
        if (queueIn(c, r.deadLetterQueue()).isEmpty()) {
            return; // the dead-letter queue is gone: keep the messages rather than lose them
        }
        // over-received messages are few: look for them by receive count, not among every visible one
        execute(c, "UPDATE queue_messages INDEXED BY queue_messages_receives SET queue = ?, source_queue = ?,"
                + " receive_count = 0, receipt_handle = NULL, received = 0, visible_ns = ?,"
                + " last_error = COALESCE(last_error, ?) WHERE queue = ? AND visible_ns <= ? AND receive_count >= ?", r.deadLetterQueue(), q.name(), at,
                "received " + r.maxReceiveCount() + " times without being deleted", q.name(), at, r.maxReceiveCount());
    }

    private static List<QueueMessage> visible(Connection c, QueueConfig q, long at, int max) throws SQLException {
        try (PreparedStatement ps = q.fifo() ? prepare(c, FIFO_VISIBLE, q.name(), at, at, max)
                : prepare(c, "SELECT " + MESSAGE_COLUMNS + " FROM queue_messages"
                        + " WHERE queue = ? AND visible_ns <= ? ORDER BY visible_ns, seq LIMIT ?", q.name(), at, max);
                ResultSet rs = ps.executeQuery()) {
            List<QueueMessage> out = new ArrayList<>();
            while (rs.next()) {
                out.add(message(rs));
            }
            return out;
        }
    }

    private static List<QueueMessage> hide(Connection c, List<QueueMessage> taken, long until) throws SQLException {
        List<QueueMessage> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE queue_messages SET receive_count = receive_count + 1,"
                + " receipt_handle = ?, received = 1, visible_ns = ? WHERE id = ?")) {
            for (QueueMessage m : taken) {
                String handle = m.id() + "." + UUID.randomUUID();
                ps.setString(1, handle);
                ps.setLong(2, until);
                ps.setString(3, m.id());
                ps.addBatch();
                out.add(new QueueMessage(m.id(), m.queue(), m.body(), m.attributes(), m.sentAt(),
                        m.receiveCount() + 1, Optional.of(handle), m.sourceQueue(), m.lastError(), m.fifo(),
                        m.traceparent(), m.correlationId()));
            }
            ps.executeBatch();
        }
        return out;
    }

    @Override
    public boolean deleteMessage(String queue, String receiptHandle) {
        return update("DELETE FROM queue_messages WHERE queue = ? AND receipt_handle = ?", queue, receiptHandle) > 0;
    }

    @Override
    public List<Boolean> deleteMessages(String queue, List<String> receiptHandles) {
        return db.write(c -> {
            List<Boolean> deleted = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM queue_messages WHERE queue = ? AND receipt_handle = ?")) {
                for (String handle : receiptHandles) {
                    ps.setString(1, queue);
                    ps.setString(2, handle);
                    deleted.add(ps.executeUpdate() > 0);
                }
            }
            return deleted;
        });
    }

    @Override
    public boolean changeVisibility(String queue, String receiptHandle, Instant visibleAt, Optional<String> lastError) {
        return update("UPDATE queue_messages SET visible_ns = ?, last_error = COALESCE(?, last_error)"
                + " WHERE queue = ? AND receipt_handle = ? AND received = 1", Columns.clampedNanos(visibleAt),
                lastError.orElse(null), queue, receiptHandle) > 0;
    }

    @Override
    public int redrive(String deadLetterQueue, Instant now) {
        return update("UPDATE queue_messages SET queue = source_queue, source_queue = NULL, receive_count = 0,"
                + " receipt_handle = NULL, received = 0, visible_ns = ? WHERE queue = ? AND source_queue IN"
                + " (SELECT name FROM queues)", Columns.clampedNanos(now), deadLetterQueue);
    }

    @Override
    public Optional<Instant> nextVisibleAt(String queue, Instant now) {
        return db.read(c -> {
            try (PreparedStatement ps = prepare(c, "SELECT MIN(visible_ns) FROM queue_messages WHERE queue = ?"
                    + " AND visible_ns > ?", queue, Columns.clampedNanos(now)); ResultSet rs = ps.executeQuery()) {
                long next = rs.next() ? rs.getLong(1) : 0;
                return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Columns.instant(next));
            }
        });
    }

    @Override
    public QueueMessage.Counts counts(String queue, Instant now) {
        long at = Columns.clampedNanos(now);
        return db.read(c -> {
            try (PreparedStatement ps = prepare(c, "SELECT"
                    + " COALESCE(SUM(visible_ns <= ?), 0), COALESCE(SUM(visible_ns > ? AND received = 1), 0),"
                    + " COALESCE(SUM(visible_ns > ? AND received = 0), 0), MIN(sent_ns)"
                    + " FROM queue_messages WHERE queue = ?", at, at, at, queue); ResultSet rs = ps.executeQuery()) {
                rs.next();
                long oldest = rs.getLong(4);
                Optional<Instant> oldestAt = rs.wasNull() ? Optional.empty() : Optional.of(Columns.instant(oldest));
                return new QueueMessage.Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), oldestAt);
            }
        });
    }

    private static Optional<QueueConfig> queueIn(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = prepare(c, "SELECT " + QUEUE_COLUMNS + " FROM queues WHERE name = ?", name);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(queue(rs)) : Optional.empty();
        }
    }

    private int update(String sql, Object... args) {
        return db.write(c -> execute(c, sql, args));
    }

    private static int execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    private static long longQuery(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static QueueConfig queue(ResultSet rs) throws SQLException {
        String dlq = rs.getString("dead_letter_queue");
        Optional<QueueConfig.Redrive> redrive = dlq == null ? Optional.empty()
                : Optional.of(new QueueConfig.Redrive(dlq, rs.getInt("max_receive_count")));
        return new QueueConfig(rs.getString("name"), Duration.ofNanos(rs.getLong("visibility_ns")),
                Duration.ofNanos(rs.getLong("delay_ns")), Duration.ofNanos(rs.getLong("retention_ns")),
                rs.getInt("max_message_bytes"), redrive, Columns.instant(rs, "created_ns"),
                Optional.ofNullable(rs.getString("trigger")).map(SqliteQueues::trigger),
                rs.getInt("content_based_dedup") == 1);
    }

    private static String triggerJson(QueueConfig.Trigger t) {
        return Columns.environmentJson(java.util.Map.of("function", t.function(), "batchSize",
                String.valueOf(t.batchSize()), "batchingWindowNs", String.valueOf(t.batchingWindow().toNanos()),
                "maxConcurrency", String.valueOf(t.maxConcurrency())));
    }

    private static QueueConfig.Trigger trigger(String json) {
        var m = Columns.environment(json);
        return new QueueConfig.Trigger(m.get("function"), Integer.parseInt(m.get("batchSize")),
                Duration.ofNanos(Long.parseLong(m.get("batchingWindowNs"))), Integer.parseInt(m.get("maxConcurrency")));
    }

    private static QueueMessage message(ResultSet rs) throws SQLException {
        return new QueueMessage(rs.getString("id"), rs.getString("queue"), rs.getString("body"),
                Columns.environment(rs.getString("attributes")), Columns.instant(rs, "sent_ns"),
                rs.getInt("receive_count"), Columns.optionalString(rs, "receipt_handle"),
                Columns.optionalString(rs, "source_queue"), Columns.optionalString(rs, "last_error"), fifo(rs),
                Columns.optionalString(rs, "traceparent"), Columns.optionalString(rs, "correlation_id"));
    }

    private static Optional<QueueMessage.Fifo> fifo(ResultSet rs) throws SQLException {
        String group = rs.getString("group_id");
        return group == null ? Optional.empty()
                : Optional.of(new QueueMessage.Fifo(group, rs.getString("dedup_id"), rs.getLong("seq")));
    }
}
