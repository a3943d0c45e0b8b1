package dev.gust.server;

import dev.gust.common.Durations;
import dev.gust.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's hourly sweep of finished work: log lines and archived events past their retention,
 * finished async invocations past {@code asyncRetention}, idempotency keys past their window.
 * Pending work is never touched. Called from the node's scheduler, one sweep at a time.
 */
final class Retention implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    /** Finished workflow executions are kept as long as Step Functions keeps a standard execution's history. */
    static final Duration WORKFLOW_RETENTION = Duration.ofDays(90);
    private final Store store;
    private final InstantSource clock;
    private final Duration logRetention;
    private final Duration asyncRetention;

    Retention(Store store, ServerConfig config) {
        this.store = store;
        this.clock = config.clock();
        this.logRetention = config.logRetention();
        this.asyncRetention = config.asyncRetention();
    }

    /** One sweep. Each part that fails is logged and tried again next time; the others still run. */
    @Override
    public void run() {
        Instant now = clock.instant();
        sweep("log lines older than " + Durations.format(logRetention), () -> store.logs().deleteOlderThan(now.minus(logRetention)));
        sweep("archived events older than " + Durations.format(EventBus.RETENTION),
                () -> store.events().deleteOlderThan(now.minus(EventBus.RETENTION)));
        sweep("finished async invocations older than " + Durations.format(asyncRetention),
                () -> store.asyncInvocations().deleteFinishedBefore(now.minus(asyncRetention)));
        sweep("workflow executions finished more than " + Durations.format(WORKFLOW_RETENTION) + " ago",
                () -> store.workflows().deleteFinishedBefore(now.minus(WORKFLOW_RETENTION)));
        sweep("idempotency keys past their window", () -> store.idempotency().deleteExpired(now));
    }

    private static void sweep(String what, IntSupplier delete) {
        try {
            int deleted = delete.getAsInt();
            if (deleted > 0) {
                LOG.info("retention: deleted {} {}", deleted, what);
            }
        } catch (RuntimeException e) {
            LOG.warn("retention: deleting {} failed; the next hourly sweep tries again", what, e);
        }
    }
}
